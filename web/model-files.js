// model-files.js — the trained network as the model JSON and as a stand-alone Python file, the
// same text `nnplay run --export json|python` prints (core/model_export.h says what they hold;
// core/model_python.c holds the same Python; tests/browser/exports.test.js checks both agree).

/**
 * @typedef {import('./types.js').Experiment} Experiment
 */

/** A number as the link writes it: String(x), but "-0" keeps negative zero's sign.
 * @param {number} x @returns {string} */
export function numberText(x) {
  if (!Number.isFinite(x)) return 'null';
  return Object.is(x, -0) ? '-0' : String(x);
}

/** A JSON string with only '"', '\\' and control characters escaped (as model_export.c).
 * @param {string} s @returns {string} */
function jsonString(s) {
  return `"${s.replace(/["\\\u0000-\u001f\u007f]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;
}

/**
 * The model JSON of experiment `ex`, with its link. RangeError when a parameter is not finite.
 * @param {Experiment} ex @returns {string}
 */
export function modelJson(ex) {
  if (ex.state().model === 'perceptron') throw new RangeError('a perceptron (model=perceptron) is not exported: its step output is not a network\'s output');
  const layout = ex.layout();
  const net = ex.network();
  const sizes = layout.layerSizes;
  for (const layer of net) {
    for (const node of layer) {
      if (!Number.isFinite(node.bias) || !node.weights.every(Number.isFinite)) {
        throw new RangeError('the network has non-finite parameters (training diverged): go back to the last finite epoch first');
      }
    }
  }
  const output = sizes[sizes.length - 1] > 1 ? 'softmax' : layout.outputActivation === 'linear' ? 'linear' : 'tanh';
  const list = (/** @type {number[]} */ xs) => xs.map(numberText).join(', ');
  return '{\n  "format": "nnplay-model",\n  "version": 1,\n'
    + `  "link": ${jsonString(ex.hash())},\n`
    + `  "features": [${layout.inputIds.map((f) => `"${f}"`).join(', ')}],\n`
    + `  "layers": [${sizes.join(', ')}],\n`
    + `  "hiddenActivation": "${layout.hiddenActivation}",\n`
    + `  "output": "${output}",\n`
    + `  "weights": [\n${net.map((layer) => `    [${layer.map((n) => `[${list(n.weights)}]`).join(', ')}]`).join(',\n')}\n  ],\n`
    + `  "biases": [\n${net.map((layer) => `    [${list(layer.map((n) => n.bias))}]`).join(',\n')}\n  ]\n}\n`;
}

/**
 * The stand-alone Python file of experiment `ex`: predict(x1, x2), standard library only.
 * @param {Experiment} ex @returns {string}
 */
export function modelPython(ex) {
  return PYTHON_HEAD + modelJson(ex) + PYTHON_TAIL;
}

const PYTHON_HEAD = `"""A neural network trained in nnplay, in Python (standard library only).

predict(x1, x2) gives what nnplay computes for the point (x1, x2), by nnplay's formulas in
nnplay's order of operations:
  output "tanh"     the network's output in -1..1 (class +1 when it is >= 0, else -1)
  output "linear"   the predicted value (regression)
  output "softmax"  the list of the K classes' probabilities

As a script:  python3 model.py X1 X2   prints the prediction at one point;
              python3 model.py < points.txt   reads "x1 x2" lines and prints one per line
(a softmax's K probabilities separated by spaces).
"""
import json
import math
import sys

# The model as nnplay exports it (nnplay-model version 1); "-0" is negative zero.
MODEL = json.loads(r"""
`;

const PYTHON_TAIL = `""", parse_int=lambda s: -0.0 if s == "-0" else int(s))


def _exp(t):
    try:
        return math.exp(t)
    except OverflowError:  # JavaScript's Math.exp gives Infinity
        return math.inf


def _sin(t):
    try:
        return math.sin(t)
    except ValueError:  # the sine of an infinity
        return math.nan


def _relu(t):
    return t if t != t else (t if t > 0 else 0.0)


def _sigmoid(t):
    return 1 / (1 + _exp(-t))


def _softplus(t):
    if t != t:
        return t
    a = -t if t < 0 else t
    return (t if t > 0 else 0.0) + math.log(1 + _exp(-a))


ACTIVATIONS = {
    "relu": _relu,
    "tanh": math.tanh,
    "sigmoid": _sigmoid,
    "linear": lambda t: t,
    "leakyrelu": lambda t: t if t > 0 else 0.01 * t,
    "elu": lambda t: t if t > 0 else 1.0 * (_exp(t) - 1),
    "softplus": _softplus,
    "swish": lambda t: t * _sigmoid(t),
}

FEATURES = {
    "x": lambda x1, x2: x1,
    "y": lambda x1, x2: x2,
    "xSquared": lambda x1, x2: x1 * x1,
    "ySquared": lambda x1, x2: x2 * x2,
    "xTimesY": lambda x1, x2: x1 * x2,
    "sinX": lambda x1, x2: _sin(x1),
    "sinY": lambda x1, x2: _sin(x2),
}


def _softmax(totals):
    top = totals[0]  # the largest total, or a NaN one (then every probability is NaN)
    for t in totals[1:]:
        if t != t:
            top = t
            break
        if t > top:
            top = t
    exps = [_exp(t - top) for t in totals]
    total = 0.0
    for e in exps:
        total += e
    return [e / total for e in exps]


def predict(x1, x2, model=None):
    """The prediction at (x1, x2) of \`model\` (a dict like MODEL; default MODEL)."""
    m = MODEL if model is None else model
    x1, x2 = float(x1), float(x2)
    values = [FEATURES[name](x1, x2) for name in m["features"]]
    hidden = ACTIVATIONS[m["hiddenActivation"]]
    layers = len(m["weights"])
    for l in range(layers):
        totals = []
        for weights, bias in zip(m["weights"][l], m["biases"][l]):
            t = float(bias)  # the bias first, then the links in order, as nnplay adds them
            for w, v in zip(weights, values):
                t = t + w * v
            totals.append(t)
        if l < layers - 1:
            values = [hidden(t) for t in totals]
        elif m["output"] == "softmax":
            return _softmax(totals)
        elif m["output"] == "linear":
            return totals[0]
        else:
            return math.tanh(totals[0])
    raise ValueError("the model has no layer after its inputs")


def _show(p):
    return " ".join(repr(v) for v in p) if isinstance(p, list) else repr(p)


if __name__ == "__main__":
    if len(sys.argv) == 3:
        print(_show(predict(sys.argv[1], sys.argv[2])))
    else:
        for line in sys.stdin:
            if line.split():
                x1, x2 = line.split()[:2]
                print(_show(predict(x1, x2)))
`;
