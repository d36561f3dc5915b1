/* config.c — TFP's defaults and names (docs/tfp-behaviour.md §8.2). */
#include "config.h"

#include <stddef.h>
#include <string.h>

void nn_config_default(nn_config *cfg) {
  memset(cfg, 0, offsetof(nn_config, data)); /* the data's text is long: its NUL will do */
  cfg->data[0] = '\0';
  cfg->activation = NN_ACT_TANH;
  cfg->regularization = NN_REG_NONE;
  cfg->batch_size = 10;
  cfg->dataset = NN_DATA_CIRCLE;
  cfg->reg_dataset = NN_DATA_REG_PLANE;
  cfg->learning_rate = 0.03;
  cfg->regularization_rate = 0;
  cfg->noise = 0;
  cfg->num_hidden_layers = 2;
  cfg->network_shape[0] = 4;
  cfg->network_shape[1] = 2;
  cfg->seed[0] = '\0';
  cfg->perc_train_data = 50;
  cfg->features[NN_FEAT_X] = true;
  cfg->features[NN_FEAT_Y] = true;
  cfg->problem = NN_PROBLEM_CLASSIFICATION;
  cfg->optimizer = NN_OPT_SGD;
  cfg->momentum = 0.9;
  cfg->rho = 0.9;
  cfg->beta1 = 0.9;
  cfg->beta2 = 0.999;
  cfg->epsilon = 1e-8;
  cfg->init = NN_INIT_UNIFORM;
  cfg->dropout = 0;
  cfg->loss = NN_LOSS_SQUARE;
  cfg->speed = 1;
  cfg->goal_train_loss = NN_NO_GOAL;
  cfg->goal_test_loss = NN_NO_GOAL;
  cfg->downhill.start[0] = cfg->downhill.start[1] = NN_DOWNHILL_OWN;
  for (int o = 0; o < NN_OPT_COUNT; o++) cfg->downhill.rate[o] = NN_DOWNHILL_OWN;
  cfg->classes = 2;
}

int nn_config_num_classes(const nn_config *cfg) {
  if (cfg->problem != NN_PROBLEM_CLASSIFICATION) return 0;
  if (cfg->model != NN_MODEL_MLP || cfg->classes < 3 || cfg->classes > NN_MAX_CLASSES) return 2;
  return cfg->classes;
}

nn_init nn_config_init_scheme(const nn_config *cfg) {
  return cfg->init_zero ? NN_INIT_ZEROS : cfg->init;
}

nn_loss_kind nn_config_loss_kind(const nn_config *cfg) {
  return cfg->problem == NN_PROBLEM_REGRESSION ? NN_LOSS_SQUARE : cfg->loss;
}

bool nn_config_is_hidden(const nn_config *cfg, const char *name) {
  for (int i = 0; i < cfg->num_hide && i < NN_MAX_HIDE; i++)
    if (strcmp(cfg->hide[i].name, name) == 0) return cfg->hide[i].hidden;
  return false;
}

bool nn_config_feature_used(const nn_config *cfg, nn_feature f) {
  if ((unsigned)f >= NN_FEAT_COUNT) return false;
  return cfg->features[f] && !nn_config_is_hidden(cfg, nn_feature_name(f));
}

nn_dataset_kind nn_config_active_dataset(const nn_config *cfg) {
  return cfg->problem == NN_PROBLEM_REGRESSION ? cfg->reg_dataset : cfg->dataset;
}

const char *nn_activation_name(nn_activation a) {
  static const char *const names[NN_ACT_COUNT] = {"relu", "tanh", "sigmoid", "linear",
                                                  "leakyrelu", "elu", "softplus", "swish"};
  return (unsigned)a < NN_ACT_COUNT ? names[a] : "?";
}

const char *nn_optimizer_name(nn_optimizer o) {
  static const char *const names[NN_OPT_COUNT] = {"sgd", "momentum", "rmsprop", "adam"};
  return (unsigned)o < NN_OPT_COUNT ? names[o] : "?";
}

const char *nn_init_name(nn_init i) {
  static const char *const names[NN_INIT_COUNT] = {"uniform", "zeros", "xavier", "he"};
  return (unsigned)i < NN_INIT_COUNT ? names[i] : "?";
}

const char *nn_loss_name(nn_loss_kind k) {
  static const char *const names[NN_LOSS_COUNT] = {"square", "crossentropy"};
  return (unsigned)k < NN_LOSS_COUNT ? names[k] : "?";
}

const char *nn_regularization_name(nn_regularization r) {
  switch (r) {
    case NN_REG_NONE: return "none";
    case NN_REG_L1: return "L1";
    case NN_REG_L2: return "L2";
  }
  return "?";
}

const char *nn_problem_name(nn_problem p) {
  return p == NN_PROBLEM_REGRESSION ? "regression" : "classification";
}

const char *nn_dataset_name(nn_dataset_kind d) {
  static const char *const names[NN_DATA_COUNT] = {"circle", "xor", "gauss", "spiral",
                                                   "reg-plane", "reg-gauss"};
  return (unsigned)d < NN_DATA_COUNT ? names[d] : "?";
}

const char *nn_feature_name(nn_feature f) {
  static const char *const names[NN_FEAT_COUNT] = {"x", "y", "xSquared", "ySquared",
                                                   "xTimesY", "sinX", "sinY"};
  return (unsigned)f < NN_FEAT_COUNT ? names[f] : "?";
}

const char *nn_model_name(nn_model m) {
  static const char *const names[NN_MODEL_COUNT] = {"mlp", "perceptron"};
  return (unsigned)m < NN_MODEL_COUNT ? names[m] : "?";
}

const char *nn_mode_name(nn_mode m) {
  static const char *const names[NN_MODE_COUNT] = {"complete", "simplified"};
  return (unsigned)m < NN_MODE_COUNT ? names[m] : "?";
}

const char *nn_palette_name(nn_palette p) {
  static const char *const names[NN_PALETTE_COUNT] = {"default", "viridis"};
  return (unsigned)p < NN_PALETTE_COUNT ? names[p] : "?";
}

const char *nn_rule_name(nn_perceptron_rule r) {
  static const char *const names[NN_RULE_COUNT] = {"rosenblatt", "hebb"};
  return (unsigned)r < NN_RULE_COUNT ? names[r] : "?";
}

const char *nn_surface_name(nn_surface s) {
  static const char *const names[NN_SURFACE_COUNT] = {"none", "bowl", "valley", "saddle"};
  return (unsigned)s < NN_SURFACE_COUNT ? names[s] : "?";
}
