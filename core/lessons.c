/* lessons.c — the lesson table (lessons.h), in the order the course tells its story. */
#include "lessons.h"

#include <string.h>

/* In the lecture's order; the words of each (title, goal, what to try) are in lesson_words.c.
 * Seeds are fixed so that every student sees the same data and the lesson's point shows. Where
 * the lesson has a loss to reach, its goal (goalTrainLoss, goalTestLoss) is reached after the
 * change it asks to try and not before it (first epoch reached, `nnplay run`: tanh on the circle 57; Xavier 46, He 69, zeros never; a
 * lower learning rate 48; batch 10: 69, the whole set never; Adam 111, SGD 1,437; momentum 174,
 * RMSprop 69, Adam 155, SGD never; 8,8,8 neurons on the spiral 688; L1 21, L2 never; 50 % to
 * train 7, dropout 0.3: 20, neither never; tests/browser/lesson-goals.test.js plays each). */
#define ALL_FEATURES "&xTimesY=true&xSquared=true&ySquared=true&sinX=true&sinY=true"
static const nn_lesson LESSONS[] = {
    {"perceptron-separable",
     "dataset=gauss&noise=0&model=perceptron&learningRate=0.003&mode=simplified&seed=lesson1"
     "&goalTrainLoss=0"},
    {"hebb",
     "dataset=gauss&noise=0&model=perceptron&rule=hebb&learningRate=0.003&seed=lesson1"
     "&goalTrainLoss=0"},
    {"perceptron-xor",
     "dataset=xor&noise=0&model=perceptron&learningRate=0.003&mode=simplified&seed=lesson2"},
    {"xor-mlp",
     "dataset=xor&noise=0&networkShape=4&activation=tanh&learningRate=0.03&batchSize=10"
     "&seed=lesson3&goalTestLoss=0.05"},
    {"activations",
     "dataset=circle&noise=0&networkShape=4,2&activation=linear&learningRate=0.03&seed=lesson5"
     "&goalTestLoss=0.05"},
    {"initialisation",
     "dataset=circle&noise=0&networkShape=4,4&activation=tanh&init=zeros&learningRate=0.03"
     "&seed=lesson-init&goalTestLoss=0.05"},
    {"vectorisation",
     "dataset=xor&noise=0&networkShape=3,2&activation=tanh&batchSize=4&seed=lesson-vec"},
    {"backprop",
     "dataset=xor&noise=0&networkShape=2&activation=tanh&learningRate=0.1&batchSize=1"
     "&seed=lesson4"},
    {"learning-rate-too-high",
     "dataset=circle&noise=0&networkShape=4,2&activation=tanh&learningRate=3&seed=lesson6"
     "&goalTestLoss=0.05"},
    {"batch-size",
     "dataset=circle&noise=0&networkShape=4,2&activation=tanh&batchSize=250&learningRate=0.03"
     "&seed=lesson-batch&compare=batchSize:1,10,250&goalTestLoss=0.05"},
    {"sgd-vs-adam",
     "dataset=spiral&noise=0&networkShape=8,8,6&activation=tanh&learningRate=0.01"
     "&seed=lesson9&goalTrainLoss=0.1"},
    {"optimizers",
     "dataset=xor&noise=0&networkShape=4,2&activation=tanh&learningRate=0.001&seed=lesson-opt"
     "&compare=optimizer:sgd,momentum,rmsprop,adam&downhill=valley&goalTestLoss=0.05"},
    {"underfitting",
     "dataset=spiral&noise=0&networkShape=2&activation=tanh&learningRate=0.03&seed=lesson7"
     "&goalTestLoss=0.1"},
    {"overfitting",
     "dataset=xor&noise=50&percTrainData=10&networkShape=8,8,8&activation=tanh"
     "&learningRate=0.03&batchSize=1" ALL_FEATURES "&seed=lesson8"},
    {"l1-vs-l2",
     "dataset=circle&noise=40&percTrainData=10&networkShape=8,8&activation=tanh"
     "&learningRate=0.03&batchSize=1" ALL_FEATURES "&regularization=L2&regularizationRate=0.01"
     "&seed=b&goalTestLoss=0.265"},
    {"more-data",
     "dataset=circle&noise=25&percTrainData=20&networkShape=8,8&activation=tanh"
     "&learningRate=0.03&batchSize=1" ALL_FEATURES "&seed=a&compare=percTrainData:20,50,90"
     "&goalTestLoss=0.11"},
    {"dropout",
     "dataset=circle&noise=25&percTrainData=20&networkShape=8,8&activation=tanh"
     "&learningRate=0.03&batchSize=1" ALL_FEATURES "&seed=a&goalTestLoss=0.11"},
};

enum { NUM_LESSONS = (int)(sizeof LESSONS / sizeof LESSONS[0]) };

int nn_lesson_count(void) { return NUM_LESSONS; }

const nn_lesson *nn_lesson_get(int index) {
  return index >= 0 && index < NUM_LESSONS ? &LESSONS[index] : NULL;
}

int nn_lesson_find(const char *id, size_t len) {
  if (!id) return -1;
  for (int i = 0; i < NUM_LESSONS; i++)
    if (strlen(LESSONS[i].id) == len && memcmp(LESSONS[i].id, id, len) == 0) return i;
  return -1;
}

const char *nn_lesson_id(int index) {
  const nn_lesson *l = nn_lesson_get(index);
  return l ? l->id : NULL;
}
const char *nn_lesson_hash(int index) {
  const nn_lesson *l = nn_lesson_get(index);
  return l ? l->hash : NULL;
}
