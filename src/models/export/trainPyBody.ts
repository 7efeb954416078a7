/**
 * The fixed part of the exported train.py: everything that does not depend on the Experiment
 * (the Experiment's settings arrive in CONFIG and make_optimizer above it, see trainScript.ts).
 * The loss, accuracy and schedule formulas are those of training/objective.ts and
 * models/schedules.ts, written again in PyTorch; tests/unit/trainScript.test.ts runs it.
 */
export const TRAIN_PY_BODY = String.raw`
EPS = 1e-7  # the clip of objective.ts
TASK = CONFIG["task"]
ACTIVATION = CONFIG["output_activation"]
LOSS = CONFIG["loss"]


# ---------------------------------------------------------------- schedule (models/schedules.ts)

def _cosine(start, end, t):
    t = min(1.0, max(0.0, t))
    return end + (start - end) * (1 + math.cos(math.pi * t)) / 2


def lr_factor(epoch):
    """The learning rate at a (fractional) epoch, as a multiple of the base rate."""
    s = CONFIG["schedule"]
    e = max(0.0, epoch)
    kind = s["kind"]
    if kind == "step":
        return s["factor"] ** math.floor(e / s["period"])
    if kind == "exponential":
        return s["factor"] ** e
    if kind == "cosine":
        return _cosine(1.0, 0.0, e / s["period"])
    if kind == "warmupCosine":
        if s["warmup"] > 0 and e < s["warmup"]:
            return e / s["warmup"]
        return _cosine(1.0, 0.0, (e - s["warmup"]) / s["period"])
    if kind == "oneCycle":
        t = e / s["period"]
        start = 1.0 / 25
        if t < 0.3:
            return _cosine(start, 1.0, t / 0.3)
        return _cosine(1.0, start / 1e4, (t - 0.3) / 0.7)
    return 1.0  # constant; plateau is ReduceLROnPlateau's


# ---------------------------------------------------------------- loss and accuracy (training/objective.ts)

def probabilities(out):
    """Probability of class 1 (binary) or the class probabilities (multi-class)."""
    if TASK == "multiclass":
        return out if ACTIVATION == "softmax" else torch.softmax(out, -1)
    if ACTIVATION == "sigmoid":
        return out
    if ACTIVATION == "tanh":
        return (out + 1) / 2
    return torch.sigmoid(out) if LOSS == "crossEntropy" else (out.clamp(-1, 1) + 1) / 2


def loss_of(out, y):
    """Mean loss of a batch: token cross-entropy over non-PAD steps, cross-entropy or squared error."""
    if TASK == "tokens":
        ids = y.long()
        mask = (ids != 0).float()
        p = out if ACTIVATION == "softmax" else torch.softmax(out, -1)
        picked = p.gather(-1, ids.unsqueeze(-1)).squeeze(-1)
        logp = torch.log(picked.clamp(EPS, 1))
        return -(logp * mask).sum() / mask.sum().clamp(min=1)
    if LOSS != "crossEntropy" or TASK == "regression":
        t = y
        if TASK == "binary" and ACTIVATION != "sigmoid":
            t = y * 2 - 1  # targets ±1 for a tanh or linear output, as TensorFlow Playground
        return ((out.reshape(t.shape) - t) ** 2).mean()
    p = probabilities(out).clamp(EPS, 1 - EPS)
    if TASK == "multiclass":
        return -(y * torch.log(p)).sum(-1).mean()
    p = p.reshape(y.shape)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()


def loss_weight(y):
    """What loss_of averages over in a batch (rows, or non-PAD tokens), to average over a whole set."""
    return float((y != 0).sum()) if TASK == "tokens" else float(y.shape[0])


def counts(out, y):
    """(right, counted, rows all right): tokens count per non-PAD step, the others per row."""
    if TASK == "tokens":
        ids = y.long()
        mask = ids != 0
        right = (out.argmax(-1) == ids) & mask
        rows = ((mask.sum(-1) - right.sum(-1)) == 0).sum()
        return float(right.sum()), float(mask.sum()), float(rows)
    if TASK == "multiclass":
        right = (out.argmax(-1) == y.argmax(-1)).sum()
        return float(right), float(y.shape[0]), float(right)
    if TASK == "binary":
        score = probabilities(out) * 2 - 1
        right = ((score.reshape(-1) > 0).float() == y.reshape(-1)).sum()
        return float(right), float(y.shape[0]), float(right)
    return 0.0, 0.0, 0.0


def regularization(model):
    """L1 or L2 on the Dense kernels only (biases and other layers untouched), as runtime.ts."""
    rate = CONFIG["regularization_rate"]
    if CONFIG["regularization"] == "none" or rate == 0 or not CONFIG["dense_modules"]:
        return None
    terms = []
    for name in CONFIG["dense_modules"]:
        w = getattr(model, name).weight
        terms.append(w.abs().sum() if CONFIG["regularization"] == "l1" else (w ** 2).sum())
    return rate * torch.stack(terms).sum()


def kl_term(model, out):
    """A variational autoencoder's KL term (training/samplingLoss.ts): beta * KL of every Sampling
    module's last call, divided by the output values per example, as the reconstruction loss is a
    mean per pixel (beta = 1: the negative ELBO per pixel). None without Sampling modules."""
    terms = [m.beta * m.kl for m in model.modules() if hasattr(m, "beta") and getattr(m, "kl", None) is not None]
    return sum(terms) / out[0].numel() if terms else None


# ---------------------------------------------------------------- data

def load_split(data, split):
    """The model's inputs (in its argument order) and the targets of one split, as tensors."""
    if split + "_x" not in data:
        return None
    tensors = []
    for inp in CONFIG["inputs"]:
        key = split + ("_x" if inp["source"] == "x" else "_dec")
        a = data[key]
        if inp["column"] is not None:  # one column of each row (ratings: user id, item id)
            a = np.ascontiguousarray(a.reshape(len(a), -1)[:, inp["column"]])
        a = torch.from_numpy(a).reshape(-1, *inp["shape"])
        if inp["image"]:
            a = a.permute(0, 3, 1, 2).contiguous()  # H×W×C in the file, (N, C, H, W) for the model
        if inp["tokens"]:
            a = a.long()
        tensors.append(a)
    tensors.append(torch.from_numpy(data[split + "_y"]).reshape(-1, CONFIG["target_width"]))
    return tensors


@torch.no_grad()
def evaluate(model, tensors, device, batch=512):
    """Loss and accuracy on a whole split, in inference mode (no dropout, batch-norm statistics)."""
    model.eval()
    loss_sum = weight = right = counted = rows = 0.0
    n = tensors[-1].shape[0]
    for i in range(0, n, batch):
        xs = [t[i:i + batch].to(device) for t in tensors[:-1]]
        y = tensors[-1][i:i + batch].to(device)
        out = model(*xs)
        w = loss_weight(y)
        loss_sum += float(loss_of(out, y)) * w
        weight += w
        r, c, rr = counts(out, y)
        right, counted, rows = right + r, counted + c, rows + rr
    result = {"loss": loss_sum / max(weight, 1)}
    if TASK not in ("regression", "reconstruct"):
        result["acc"] = right / max(counted, 1)
    if TASK == "tokens":
        result["seq_acc"] = rows / max(n, 1)
    return result


# ---------------------------------------------------------------- weights

def init_like_app(model):
    """Glorot-uniform weights, zero biases, unit normalization scales: the app's initialization."""
    for name, p in model.named_parameters():
        last = name.rsplit(".", 1)[-1]
        if p.dim() >= 2:
            nn.init.xavier_uniform_(p)
        elif "bias" in last:
            nn.init.zeros_(p)


def load_app_weights(model, path):
    """Weights from the app's saved experiment file (Save with weights), mapped to this state_dict."""
    with open(path, encoding="utf-8") as f:
        saved = json.load(f)
    if "weights" not in saved:
        raise SystemExit(f"{path} has no weights: save the experiment with its trained weights in the app")
    if CONFIG["weights_unsupported"]:
        raise SystemExit("weights of these layers cannot be loaded here yet: " + ", ".join(CONFIG["weights_unsupported"]))
    table = {(m["layer"], m["weight"], m["dir"]): m for m in CONFIG["weight_map"]}
    state = model.state_dict()
    loaded, filled = set(), {}
    for t in saved["weights"]["tensors"]:
        parts = t["name"].split("/")
        direction = next((d for d in ("forward", "backward") if any(p.startswith(d + "_") for p in parts[1:-1])), None)
        m = table.get((parts[0], parts[-1], direction))
        if m is None:
            raise SystemExit(f"weight {t['name']} of the file has no place in this model (was it saved from another network?)")
        values = np.frombuffer(base64.b64decode(t["data"]), dtype="<f4").reshape(t["shape"])
        value = torch.from_numpy(values.copy())
        if m["op"] == "t":
            value = value.t()
        elif m["op"] == "conv":
            value = value.permute(3, 2, 0, 1)  # TF's H, W, in, out → PyTorch's out, in, H, W
        target = state[m["key"]].clone()
        part = slice(None)
        if m.get("part"):  # one of query, key, value in nn.MultiheadAttention's packed projection
            i, n = m["part"]
            rows = target.shape[0] // n
            part = slice(i * rows, (i + 1) * rows)
        if tuple(value.shape) != tuple(target[part].shape):
            raise SystemExit(f"weight {t['name']}: shape {list(value.shape)} does not fit {m['key']} {list(target[part].shape)}")
        target[part] = value
        state[m["key"]] = target
        filled[m["key"]] = filled.get(m["key"], 0) + 1
        if filled[m["key"]] == (m["part"][1] if m.get("part") else 1):
            loaded.add(m["key"])
    for key in CONFIG["zero_keys"]:
        state[key] = torch.zeros_like(state[key])  # PyTorch's second recurrent bias; Keras has one
        loaded.add(key)
    missing = [k for k in CONFIG["weight_keys"] if k not in loaded]
    if missing:
        raise SystemExit("the file lacks weights for " + ", ".join(missing))
    model.load_state_dict(state)


# ---------------------------------------------------------------- the run

def main():
    parser = argparse.ArgumentParser(description="Train the exported Gradient Garden experiment with PyTorch.")
    parser.add_argument("--epochs", type=int, default=CONFIG["epochs"], help="epochs to train (default: %(default)s)")
    parser.add_argument("--batch-per-process", type=int, default=None,
                        help="mini-batch per process; default: the app's batch divided by the number of processes")
    parser.add_argument("--data", default=os.path.join(HERE, "data.npz"), help="the data file (default: data.npz beside this script)")
    parser.add_argument("--weights", default=None, help="start from the weights of an experiment file saved in the app")
    parser.add_argument("--out", default=os.path.join(HERE, "model_trained.pt"), help="where rank 0 saves the trained state_dict")
    parser.add_argument("--cpu", action="store_true", help="train on the CPU even when CUDA is available")
    args = parser.parse_args()

    # torchrun sets WORLD_SIZE, RANK and LOCAL_RANK; a plain 'python train.py' is a world of one.
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    cuda = torch.cuda.is_available() and not args.cpu
    if world > 1:
        dist.init_process_group(backend="nccl" if cuda else "gloo")
    device = torch.device(f"cuda:{local_rank}" if cuda else "cpu")
    if cuda:
        torch.cuda.set_device(device)
    main_process = rank == 0

    torch.manual_seed(CONFIG["seed"])  # the same initial weights in every process
    model = Model()
    init_like_app(model)
    if args.weights:
        load_app_weights(model, args.weights)
    model.to(device)
    net = DistributedDataParallel(model, device_ids=[local_rank] if cuda else None) if world > 1 else model

    data = np.load(args.data)
    train, test, val = load_split(data, "train"), load_split(data, "test"), load_split(data, "val")
    n_train = train[-1].shape[0]
    # The app's batch is the effective (global) batch: each of the N processes takes its share, so
    # one step sees as many examples as in the app. --batch-per-process B makes the global batch B·N.
    per_process = args.batch_per_process or max(1, math.ceil(CONFIG["batch_size"] / world))
    dataset = TensorDataset(*train)
    sampler = DistributedSampler(dataset, num_replicas=world, rank=rank, shuffle=True, seed=CONFIG["seed"]) if world > 1 else None
    loader = DataLoader(dataset, batch_size=per_process, shuffle=sampler is None, sampler=sampler,
                        generator=torch.Generator().manual_seed(CONFIG["seed"]))

    optimizer = make_optimizer(model.parameters())
    examples = [0]  # examples seen by all processes together; the schedule's epochs are examples / training rows
    plateau = CONFIG["schedule"]["kind"] == "plateau"
    if plateau:
        # threshold 1e-4 (relative) and patience as the app's PlateauTracker; eps 0: every reduction counts.
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
            optimizer, mode="min", factor=CONFIG["schedule"]["factor"], patience=CONFIG["schedule"]["patience"],
            threshold=1e-4, threshold_mode="rel", eps=0)
    else:
        scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda _: lr_factor(examples[0] / n_train))

    stopping = CONFIG["early_stopping"]
    best, best_epoch, wait, best_state = math.inf, -1, 0, None
    if main_process:
        print(f"{sum(p.numel() for p in model.parameters()):,} parameters, {n_train} training rows, "
              f"{world} process(es) × batch {per_process} on {device}", flush=True)
    metrics = {}
    for epoch in range(1, args.epochs + 1):
        if sampler is not None:
            sampler.set_epoch(epoch)
        net.train()
        started = time.time()
        for batch in loader:
            *xs, y = [t.to(device) for t in batch]
            out = net(*xs)
            loss = loss_of(out, y)
            kl = kl_term(model, out)
            if kl is not None:
                loss = loss + kl
            reg = regularization(model)
            if reg is not None:
                loss = loss + reg
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            examples[0] += y.shape[0] * world
            if not plateau:
                scheduler.step()
        tr, te = evaluate(model, train, device), evaluate(model, test, device)
        metrics = {"epoch": epoch, "train_loss": tr["loss"], "test_loss": te["loss"],
                   "train_acc": tr.get("acc"), "test_acc": te.get("acc"), "lr": optimizer.param_groups[0]["lr"]}
        if TASK == "tokens":
            metrics["train_seq_acc"], metrics["test_seq_acc"] = tr["seq_acc"], te["seq_acc"]
        if plateau:
            scheduler.step(te["loss"])  # the app watches the test loss at epoch ends
        stop = False
        if stopping["enabled"] and val is not None:
            va = evaluate(model, val, device)
            metrics["val_loss"] = va["loss"]
            if va["loss"] < best - stopping["minDelta"]:  # Keras's EarlyStopping rule, as the app's
                best, best_epoch, wait = va["loss"], epoch, 0
                best_state = copy.deepcopy(model.state_dict())
            else:
                wait += 1
                stop = wait >= stopping["patience"]
        if main_process:
            acc = lambda v: "   —  " if v is None else f"{100 * v:5.1f}%"
            line = (f"epoch {epoch:3d}  train loss {tr['loss']:.4f} acc {acc(tr.get('acc'))}  "
                    f"test loss {te['loss']:.4f} acc {acc(te.get('acc'))}  lr {metrics['lr']:.3g}  {time.time() - started:.1f}s")
            if "val_loss" in metrics:
                line += f"  val loss {metrics['val_loss']:.4f}"
            print(line, flush=True)
        if stop:
            if stopping["restoreBest"] and best_state is not None:
                model.load_state_dict(best_state)
                tr, te = evaluate(model, train, device), evaluate(model, test, device)
                metrics.update({"train_loss": tr["loss"], "test_loss": te["loss"], "train_acc": tr.get("acc"),
                                "test_acc": te.get("acc"), "restored_epoch": best_epoch})
            if main_process:
                print(f"early stopping: no improvement for {stopping['patience']} epochs; best epoch {best_epoch}", flush=True)
            break
    if not metrics:  # --epochs 0: measure only (weights loaded from the app, say)
        tr, te = evaluate(model, train, device), evaluate(model, test, device)
        metrics = {"epoch": 0, "train_loss": tr["loss"], "test_loss": te["loss"], "train_acc": tr.get("acc"), "test_acc": te.get("acc")}
    if main_process:
        torch.save(model.state_dict(), args.out)
        print(json.dumps({"final": metrics, "world_size": world}), flush=True)
    if world > 1:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
