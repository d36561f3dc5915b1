/* lessons.c — the lesson table (lessons.h), in the order the course tells its story. */
#include "lessons.h"

#include <string.h>

/* Seeds are fixed so that every student sees the same data and the lesson's point shows. A goal
 * (goalTrainLoss, goalTestLoss) is set where the lesson has a loss to reach: the perceptron's
 * no misclassified point, and a test loss the fix the lesson asks for reaches (tanh on the
 * circle: epoch 57; a lower learning rate: 48; 8,8,8 neurons on the spiral: 688; Adam: 111 for
 * the training loss, where SGD takes longer). */
static const nn_lesson LESSONS[] = {
    {"perceptron-separable", "The perceptron",
     "Make the perceptron separate the two clusters.",
     "dataset=gauss&noise=0&model=perceptron&learningRate=0.003&mode=simplified&seed=lesson1"
     "&goalTrainLoss=0"},
    {"perceptron-xor", "The perceptron fails on XOR",
     "See why a single perceptron cannot separate XOR: no line splits the four quadrants.",
     "dataset=xor&noise=0&model=perceptron&learningRate=0.003&mode=simplified&seed=lesson2"},
    {"xor-mlp", "A hidden layer solves XOR",
     "Solve XOR with one hidden layer trained by backpropagation.",
     "dataset=xor&noise=0&networkShape=4&activation=tanh&learningRate=0.03&batchSize=10"
     "&seed=lesson3&goalTestLoss=0.05"},
    {"backprop", "Backpropagation step by step",
     "Follow one sample forward, its error backward, and the weights' update.",
     "dataset=xor&noise=0&networkShape=2&activation=tanh&learningRate=0.1&batchSize=1"
     "&seed=lesson4"},
    {"activations", "Activation functions",
     "Compare activations: start with linear, then try tanh, ReLU and sigmoid on the circle.",
     "dataset=circle&noise=0&networkShape=4,2&activation=linear&learningRate=0.03&seed=lesson5"
     "&goalTestLoss=0.05"},
    {"learning-rate-too-high", "A learning rate that is too high",
     "See a learning rate that is too high make the loss jump instead of falling; lower it.",
     "dataset=circle&noise=0&networkShape=4,2&activation=tanh&learningRate=3&seed=lesson6"
     "&goalTestLoss=0.05"},
    {"underfitting", "Underfitting",
     "A network too small for the spiral underfits: give it more neurons and layers.",
     "dataset=spiral&noise=0&networkShape=2&activation=tanh&learningRate=0.03&seed=lesson7"
     "&goalTestLoss=0.1"},
    {"overfitting", "Overfitting, L2 and dropout",
     "Overfit noisy data with a big network, then fix it with L2 or dropout.",
     "dataset=xor&noise=50&percTrainData=10&networkShape=8,8,8&activation=tanh"
     "&learningRate=0.03&batchSize=1&xTimesY=true&xSquared=true&ySquared=true&sinX=true"
     "&sinY=true&seed=lesson8"},
    {"sgd-vs-adam", "Optimisers: SGD and Adam",
     "Compare SGD and Adam on the spiral: same network, same data, different optimiser.",
     "dataset=spiral&noise=0&networkShape=8,8,6&activation=tanh&learningRate=0.01"
     "&seed=lesson9&goalTrainLoss=0.1"},
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
const char *nn_lesson_title(int index) {
  const nn_lesson *l = nn_lesson_get(index);
  return l ? l->title : NULL;
}
const char *nn_lesson_goal(int index) {
  const nn_lesson *l = nn_lesson_get(index);
  return l ? l->goal : NULL;
}
const char *nn_lesson_hash(int index) {
  const nn_lesson *l = nn_lesson_get(index);
  return l ? l->hash : NULL;
}
