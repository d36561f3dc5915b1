// engine-words.js — how the engine words its notices in English (core/state.c, core/params.c):
// each reason is "<what was wrong>; <what was done>", and each half is matched here against a
// pattern (`{0}`: a value) whose key the language tables word. Loaded with a language other than
// English; in English the engine's own sentence is shown.

/** What was wrong (the first pattern that matches wins: the longer of two similar ones first). */
export const PROBLEMS = {
  'reason.notNumber': 'not a number',
  'reason.notFinite': 'not a finite number',
  'reason.negative': 'must not be negative',
  'reason.rangeOpen': 'must be a number from {0} up to (not including) {1}',
  'reason.range': 'must be a number from {0} to {1}',
  'reason.above': 'must be a number above {0} and at most {1}',
  'reason.wholeEven': 'must be a whole number from {0} to {1}, even',
  'reason.whole': 'must be a whole number from {0} to {1}',
  'reason.notOneOf': 'not one of {0}',
  'reason.noEquals': 'written without \'=\' (malformed)',
  'reason.tooManyLayers': 'more than {0} hidden layers',
  'reason.emptyLayer': 'layer {0} is not a positive number of neurons (TFP would build an empty layer)',
  'reason.bigLayer': 'layer {0} has more than {1} neurons',
  'reason.rounded': 'neuron counts that are not whole numbers were rounded up, as TFP does',
  'reason.tooLong': 'longer than {0} characters',
  'reason.idChars': 'may only contain letters, digits, \'-\' and \'_\'',
  'reason.noLesson': 'no such lesson',
  'reason.noValue': 'no value given',
  'reason.empty': 'empty value',
  'reason.secondEquals': 'the value had a second \'=\'',
  'reason.perceptronRegression': 'the perceptron is a classifier and this is a regression problem',
  'reason.initZero': 'initZero=true asks for zero weights',
  'reason.initZeros': 'init=zeros asks for zero weights',
  'reason.crossentropyRegression': 'cross-entropy needs a classification problem and this is regression',
  'reason.hideName': 'name longer than {0} characters before _hide',
  'reason.nameLength': 'parameter name is {0} characters long',
  'reason.tooManyHides': 'more than {0} different _hide parameters',
  'reason.compareSyntax': 'not <parameter>:<value>,<value>',
  'reason.compareUnknown': 'no parameter is named {0}',
  'reason.compareNotExperiment': '{0} is the display\'s, the lecture\'s or the page\'s, not the experiment\'s',
  'reason.compareCount': 'needs {0} to {1} values, got {2}',
  'reason.compareRefused': '{0} is refused ({1})',
  'reason.compareSame': '{0} and {1} give the same experiment',
  'reason.comparePerceptron': 'the perceptron is not compared',
  // data= (core/points_codec.c)
  'reason.dataKind': 'not b, r or 3-6 classes first',
  'reason.dataLength': 'a length that fits no number of points',
  'reason.dataChar': 'a character that is not base64url',
  'reason.dataPadding': 'damaged padding',
  'reason.dataRange': 'a point or label out of range',
};

/** What was done instead. */
export const OUTCOMES = {
  'then.tfpSamples': 'using TFP\'s count',
  'then.using': 'using {0}',
  'then.ignored': 'ignored',
  'then.ignoredSome': 'ignored {0} of them',
  'then.textIgnored': 'the text after it was ignored, as TFP does',
  'then.randomSeed': 'a random seed is drawn instead',
  'then.lessonValue': 'using the lesson\'s value',
  'then.noTutorial': 'no tutorial',
  'then.noLesson': 'no lesson',
  'then.browserLanguage': 'the browser\'s language',
  'then.alone': 'opening the experiment alone',
  'then.noComparison': 'no comparison',
  'then.ownPoints': 'the dataset\'s own points are used',
};
