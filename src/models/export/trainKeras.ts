/**
 * train_keras.py: the Keras translation (model_keras.py, exportKeras) trained with model.fit on the
 * bundle's data.npz with the app's settings. The settings come as the same JSON train.py reads.
 * Not run in the tests (no TensorFlow or Keras on the project's machines): checked as text and parsed.
 */
import type { Experiment } from '../spec';
import { kerasOptimizer } from './optimizerCode';
import { configJson } from './configJson';

/** The script, given the Experiment and the settings JSON train.py reads (trainScript.ts's trainConfig). */
export function kerasTrainScript(exp: Experiment, config: Record<string, unknown>): string {
  return `"""Train the Keras translation of a Gradient Garden experiment (model_keras.py) with model.fit:
the same data (data.npz), optimizer, learning-rate schedule (set before every batch), loss,
regularization (Dense kernels), batch size, epochs, seed and early stopping as the app.

    pip install keras tensorflow numpy
    python train_keras.py [--epochs N]

Keras models are channels-last like the editor, so the images of data.npz go in as they are.
For several GPUs use a tf.distribute strategy (or train.py with torchrun).
"""
import argparse
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import keras  # noqa: E402
from keras import ops  # noqa: E402

CONFIG = json.loads(r"""${configJson(config)}""")
TASK, ACTIVATION, LOSS = CONFIG["task"], CONFIG["output_activation"], CONFIG["loss"]
EPS = 1e-7


def lr_factor(epoch):
    """models/schedules.ts: the rate at a fractional epoch, as a multiple of the base rate."""
    s, e = CONFIG["schedule"], max(0.0, epoch)
    cos = lambda a, b, t: b + (a - b) * (1 + math.cos(math.pi * min(1.0, max(0.0, t)))) / 2
    if s["kind"] == "step":
        return s["factor"] ** math.floor(e / s["period"])
    if s["kind"] == "exponential":
        return s["factor"] ** e
    if s["kind"] == "cosine":
        return cos(1.0, 0.0, e / s["period"])
    if s["kind"] == "warmupCosine":
        return e / s["warmup"] if s["warmup"] > 0 and e < s["warmup"] else cos(1.0, 0.0, (e - s["warmup"]) / s["period"])
    if s["kind"] == "oneCycle":
        t = e / s["period"]
        return cos(1 / 25, 1.0, t / 0.3) if t < 0.3 else cos(1.0, 1 / 25 / 1e4, (t - 0.3) / 0.7)
    return 1.0


def probabilities(out):
    if TASK == "multiclass":
        return out if ACTIVATION == "softmax" else ops.softmax(out, axis=-1)
    if ACTIVATION == "sigmoid":
        return out
    if ACTIVATION == "tanh":
        return (out + 1) / 2
    return ops.sigmoid(out) if LOSS == "crossEntropy" else (ops.clip(out, -1, 1) + 1) / 2


def base_loss(y, out):
    """training/objective.ts's loss."""
    if TASK == "tokens":
        ids = ops.cast(y, "int32")
        mask = ops.cast(ops.not_equal(ids, 0), "float32")
        p = out if ACTIVATION == "softmax" else ops.softmax(out, axis=-1)
        picked = ops.sum(p * ops.one_hot(ids, ops.shape(out)[-1]), axis=-1)
        return -ops.sum(ops.log(ops.clip(picked, EPS, 1)) * mask) / ops.maximum(ops.sum(mask), 1)
    if LOSS != "crossEntropy" or TASK == "regression":
        t = y * 2 - 1 if TASK == "binary" and ACTIVATION != "sigmoid" else y
        return ops.mean(ops.square(ops.reshape(out, ops.shape(t)) - t))
    p = ops.clip(probabilities(out), EPS, 1 - EPS)
    if TASK == "multiclass":
        return -ops.mean(ops.sum(y * ops.log(p), axis=-1))
    p = ops.reshape(p, ops.shape(y))
    return -ops.mean(y * ops.log(p) + (1 - y) * ops.log(1 - p))


def accuracy(y, out):
    """The app's accuracy: per row, or per non-PAD token."""
    if TASK == "tokens":
        ids = ops.cast(y, "int32")
        mask = ops.cast(ops.not_equal(ids, 0), "float32")
        right = ops.cast(ops.equal(ops.cast(ops.argmax(out, axis=-1), "int32"), ids), "float32") * mask
        return ops.sum(right) / ops.maximum(ops.sum(mask), 1)
    if TASK == "multiclass":
        return ops.mean(ops.cast(ops.equal(ops.argmax(out, axis=-1), ops.argmax(y, axis=-1)), "float32"))
    score = ops.reshape(probabilities(out) * 2 - 1, (-1,))
    return ops.mean(ops.cast(ops.equal(ops.cast(score > 0, "float32"), ops.reshape(y, (-1,))), "float32"))


def main():
    parser = argparse.ArgumentParser(description="Train the exported Gradient Garden experiment with Keras.")
    parser.add_argument("--epochs", type=int, default=CONFIG["epochs"])
    args = parser.parse_args()
    keras.utils.set_random_seed(CONFIG["seed"])
    from model_keras import model  # builds the network (and prints its summary)

    data = np.load(os.path.join(HERE, "data.npz"))

    def split(name):
        if name + "_x" not in data:
            return None
        xs = []
        for inp in CONFIG["inputs"]:
            a = data[name + ("_x" if inp["source"] == "x" else "_dec")]
            if inp["column"] is not None:  # one column of each row (ratings: user id, item id)
                a = a.reshape(len(a), -1)[:, inp["column"]]
            a = a.reshape(-1, *inp["shape"])
            xs.append(a.astype("int32") if inp["tokens"] else a)
        return (xs[0] if len(xs) == 1 else xs), data[name + "_y"]

    train, test, val = split("train"), split("test"), split("val")
    n_train = len(train[1])
    dense = [layer.kernel for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    rate = CONFIG["regularization_rate"]

    def loss(y, out):
        total = base_loss(y, out)
        if CONFIG["regularization"] != "none" and rate > 0:
            reg = ops.abs if CONFIG["regularization"] == "l1" else ops.square
            total = total + rate * sum(ops.sum(reg(w)) for w in dense)  # Dense kernels only, as the app
        return total

    optimizer = ${kerasOptimizer(exp.training)}
    base_lr = CONFIG["learning_rate"]

    class Schedule(keras.callbacks.Callback):
        """The app's schedule, set before every batch from the examples seen."""

        def __init__(self):
            super().__init__()
            self.examples = 0

        def on_train_batch_begin(self, batch, logs=None):
            self.model.optimizer.learning_rate = base_lr * lr_factor(self.examples / n_train)
            self.examples += CONFIG["batch_size"]

    class TestMetrics(keras.callbacks.Callback):
        """The test split's loss and accuracy each epoch (the plateau schedule watches the test loss, as the app)."""

        def __init__(self):
            super().__init__()
            self.best, self.bad, self.factor = math.inf, 0, 1.0

        def on_epoch_end(self, epoch, logs=None):
            r = self.model.evaluate(test[0], test[1], batch_size=512, verbose=0, return_dict=True)
            test_loss = r["loss"]
            acc = f" acc {100 * r['accuracy']:.1f}%" if "accuracy" in r else ""
            print(f"epoch {epoch + 1}: test loss {test_loss:.4f}{acc}")
            s = CONFIG["schedule"]
            if s["kind"] == "plateau":
                if test_loss < self.best * (1 - 1e-4):
                    self.best, self.bad = test_loss, 0
                else:
                    self.bad += 1
                    if self.bad > s["patience"]:
                        self.factor *= s["factor"]
                        self.bad = 0
                self.model.optimizer.learning_rate = base_lr * self.factor

    callbacks = [TestMetrics()]
    if CONFIG["schedule"]["kind"] != "plateau":
        callbacks.append(Schedule())
    stopping = CONFIG["early_stopping"]
    if stopping["enabled"] and val is not None:
        callbacks.append(keras.callbacks.EarlyStopping(monitor="val_loss", patience=stopping["patience"],
                                                       min_delta=stopping["minDelta"], restore_best_weights=stopping["restoreBest"]))
    model.compile(optimizer=optimizer, loss=loss, metrics=[accuracy] if TASK not in ("regression", "reconstruct") else [])
    model.fit(train[0], train[1], batch_size=CONFIG["batch_size"], epochs=args.epochs, shuffle=True,
              validation_data=val, callbacks=callbacks, verbose=2)
    model.save(os.path.join(HERE, "model_trained.keras"))


if __name__ == "__main__":
    main()
`;
}
