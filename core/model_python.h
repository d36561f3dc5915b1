/* model_python.h — the Python file's text before and after the model JSON (model_python.c). */
#ifndef NN_MODEL_PYTHON_H
#define NN_MODEL_PYTHON_H

extern const char nn_model_python_head[];
extern const char nn_model_python_tail[];

#endif
