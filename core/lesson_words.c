/* lesson_words.c — the lessons' English words (lesson_words.h), in the order of lessons.c. */
#include "lesson_words.h"

#include <string.h>

#include "lessons.h"

static const nn_lesson_words WORDS[] = {
    {"perceptron-separable", "The perceptron",
     "Make the perceptron separate the two clusters.",
     "Press play and watch the line turn."},
    {"hebb", "Hebb's rule",
     "Learn with Hebb's rule: every point strengthens w by η·y·x, right or wrong.",
     "Press play, then set the Rule to Rosenblatt's."},
    {"perceptron-xor", "The perceptron fails on XOR",
     "See why a single perceptron cannot separate XOR: no line splits the four quadrants.",
     "Press play, then switch to an MLP as the verdict offers."},
    {"xor-mlp", "A hidden layer solves XOR",
     "Solve XOR with one hidden layer trained by backpropagation.",
     "Press play and watch each hidden neuron draw a line."},
    {"activations", "Activation functions",
     "Compare activations: start with linear, then try tanh, ReLU and sigmoid on the circle.",
     "Set the Activation to tanh."},
    {"initialisation", "Weight initialisation",
     "With zero weights every neuron stays the same and nothing is learnt.",
     "Set the Initialization to Xavier or He; Show the layers."},
    {"vectorisation", "Vectorisation",
     "See a layer as one matrix product, for one sample and for a mini-batch.",
     "Step through one sample, tick Matrix view, then Whole mini-batch."},
    {"backprop", "Backpropagation step by step",
     "Follow one sample forward, its error backward, and the weights' update.",
     "Step through one sample and press Next stage up to the update."},
    {"learning-rate-too-high", "A learning rate that is too high",
     "See a learning rate that is too high make the loss jump instead of falling; lower it.",
     "Set the Learning rate to 0.03."},
    {"batch-size", "Mini-batch size",
     "The whole set in one batch makes one update per epoch: learning crawls.",
     "Set the Batch size to 10, then 1."},
    {"sgd-vs-adam", "Optimisers: SGD and Adam",
     "Compare SGD and Adam on the spiral: same network, same data, different optimiser.",
     "Set the Optimizer to Adam."},
    {"optimizers", "Momentum, RMSprop and Adam",
     "With a small learning rate SGD stalls; momentum, RMSprop and Adam go faster.",
     "Set the Optimizer to momentum, RMSprop or Adam; see them downhill."},
    {"underfitting", "Underfitting",
     "A network too small for the spiral underfits: give it more neurons and layers.",
     "Use 3 hidden layers of 8 neurons."},
    {"overfitting", "Overfitting, L2 and dropout",
     "Overfit noisy data with a big network, then fix it with L2 or dropout.",
     "Play until the test loss rises; then add L2 or dropout."},
    {"l1-vs-l2", "L1 against L2",
     "L2 shrinks every weight; L1 sets the useless ones to zero.",
     "Set the Regularization to L1: useless links vanish."},
    {"more-data", "More data against overfitting",
     "Few training points are easy to learn by heart; more of them generalise.",
     "Raise the Ratio of training data to 50%."},
    {"dropout", "Dropout against overfitting",
     "Dropping random neurons while training keeps the network from learning by heart.",
     "Set the Dropout to 0.3."},
};

enum { NUM_WORDS = (int)(sizeof WORDS / sizeof WORDS[0]) };

const nn_lesson_words *nn_lesson_words_get(int index) {
  const char *id = nn_lesson_id(index);
  return id && index < NUM_WORDS && strcmp(WORDS[index].id, id) == 0 ? &WORDS[index] : NULL;
}

const char *nn_lesson_title(int index) {
  const nn_lesson_words *w = nn_lesson_words_get(index);
  return w ? w->title : NULL;
}
const char *nn_lesson_goal(int index) {
  const nn_lesson_words *w = nn_lesson_words_get(index);
  return w ? w->goal : NULL;
}
const char *nn_lesson_try(int index) {
  const nn_lesson_words *w = nn_lesson_words_get(index);
  return w ? w->try : NULL;
}
