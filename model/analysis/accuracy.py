#!/usr/bin/env python3
"""Where the model's "accuracy" (prediction and truth on the same side of 2.5) comes from, and what moves it.

Reads the CSV that `recsys train evaluate --predictions FILE` writes (every train, validation and test rating with
the model's prediction) and the MovieLens directory it was evaluated on (for timestamps), and prints:

  1. calibration: share of low ratings (1 or 2) per band of predictions, and accuracy per threshold;
  2. accuracy and MSE by the user's number of training ratings;
  3. a logistic regression on the validation slice stacking the prediction with each user's and movie's rating
     profile (share of low ratings, counts, spread), scored on the test part;
  4. a session term: the mean residual (rating minus prediction) of the user's K training ratings nearest in time,
     either only those strictly before the rating's second, those sent before it in replay order (time, then line:
     what the streams app would know), those at or before its second (adds the ratings of the same submission:
     ml-100k's timestamps are per submission) or on both sides, added
     with one weight fitted on the validation slice; K chosen on the validation slice;
  5. another model family, I-AutoRec, trained on the same train part and blended with the model's predictions, to
     see what accuracy a clearly lower MSE brings (about a minute).

Every choice (threshold, weights, K) is made on the validation slice; the test part is only scored.
Needs only numpy. Usage:

  recsys train evaluate --data data/ml-100k --split u1 --predictions u1-predictions.csv
  python3 model/analysis/accuracy.py --data data/ml-100k --predictions u1-predictions.csv
"""
import argparse
import csv
import os

import numpy as np

LOW = 2.5


def load(path):
    parts = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            parts.setdefault(row["part"], []).append(
                (int(row["user_id"]), int(row["movie_id"]), float(row["rating"]), float(row["prediction"])))
    return {k: np.array(v) for k, v in parts.items()}


def timestamps(data_dir):
    """(user, movie) -> timestamp, from u.data (every uN split is a partition of it), and (user, movie) -> the
    rating's place in replay order (time, then line of u.data) as one sortable number."""
    raw = np.loadtxt(os.path.join(data_dir, "u.data"), dtype=np.int64)
    when = {(u, m): t for u, m, _, t in raw}
    replay = {(u, m): t + line / (2.0 * len(raw)) for line, (u, m, _, t) in enumerate(raw)}
    return when, replay


def figures(r, p):
    return "MSE %.4f  acc %.4f" % (((p - r) ** 2).mean(), ((p > LOW) == (r > LOW)).mean())


def logistic(x, y, l2=1e-3, iterations=50):
    w = np.zeros(x.shape[1])
    for _ in range(iterations):
        s = 1 / (1 + np.exp(-(x @ w)))
        gradient = x.T @ (s - y) / len(y) + l2 * w
        hessian = (x.T * (s * (1 - s))) @ x / len(y) + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    return w


def accuracy(x, w, r):
    return (((x @ w) > 0) == (r > LOW)).mean()


def calibration(val, test):
    print("1. calibration: share of ratings <= 2 by predicted rating (validation | test)")
    bands = [-np.inf, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, np.inf]
    for lo, hi in zip(bands, bands[1:]):
        cells = []
        for part in (val, test):
            band = (part[:, 3] >= lo) & (part[:, 3] < hi)
            cells.append("%5d ratings, %.3f low" % (band.sum(), (part[band, 2] < LOW).mean() if band.any() else 0))
        print("   [%5.2f, %5.2f)  %s | %s" % (lo, hi, cells[0], cells[1]))
    thresholds = np.arange(2.3, 3.01, 0.05)
    on_val = [((val[:, 3] > t) == (val[:, 2] > LOW)).mean() for t in thresholds]
    best = thresholds[int(np.argmax(on_val))]
    print("   accuracy by threshold on validation: " + ", ".join(
        "%.2f:%.4f" % (t, a) for t, a in zip(thresholds, on_val)))
    print("   chosen on validation %.2f -> test accuracy %.4f (at 2.5: %.4f)" % (
        best, ((test[:, 3] > best) == (test[:, 2] > LOW)).mean(), ((test[:, 3] > LOW) == (test[:, 2] > LOW)).mean()))
    # not a choice but a bound: no threshold, and so no monotone recalibration of these predictions, does better
    on_test = [((test[:, 3] > t) == (test[:, 2] > LOW)).mean() for t in np.arange(1.5, 3.5, 0.005)]
    print("   ceiling: the best threshold on the test part itself scores %.4f; AUC of the prediction for"
          " 'rating >= 3': %.4f" % (max(on_test), auc(test[:, 3], test[:, 2] > LOW)))


def auc(score, positive):
    ranks = np.empty(len(score))
    ranks[np.argsort(score, kind="stable")] = np.arange(1, len(score) + 1)
    n_pos, n_neg = positive.sum(), (~positive).sum()
    return (ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def by_activity(train, test):
    print("2. test figures by the user's number of training ratings")
    counts = np.bincount(train[:, 0].astype(int), minlength=int(max(train[:, 0].max(), test[:, 0].max())) + 1)
    c = counts[test[:, 0].astype(int)]
    for lo, hi in [(0, 20), (20, 40), (40, 80), (80, 160), (160, 10 ** 6)]:
        band = (c >= lo) & (c < hi)
        print("   [%3d, %7d) %5d ratings, %.3f low  %s" % (
            lo, hi, band.sum(), (test[band, 2] < LOW).mean(), figures(test[band, 2], test[band, 3])))


def profiles(train, val, test):
    print("3. logistic stack of the prediction with rating profiles (fitted on validation)")
    n_users = int(max(train[:, 0].max(), val[:, 0].max(), test[:, 0].max())) + 1
    n_movies = int(max(train[:, 1].max(), val[:, 1].max(), test[:, 1].max())) + 1
    users, movies, ratings = train[:, 0].astype(int), train[:, 1].astype(int), train[:, 2]
    u_count = np.bincount(users, minlength=n_users)
    m_count = np.bincount(movies, minlength=n_movies)
    prior = (ratings < LOW).mean()
    u_low = (np.bincount(users, weights=ratings < LOW, minlength=n_users) + 5 * prior) / (u_count + 5)
    m_low = (np.bincount(movies, weights=ratings < LOW, minlength=n_movies) + 5 * prior) / (m_count + 5)
    u_mean = (np.bincount(users, weights=ratings, minlength=n_users) + 5 * ratings.mean()) / (u_count + 5)
    u_sq = (np.bincount(users, weights=ratings ** 2, minlength=n_users) + 5 * (ratings ** 2).mean()) / (u_count + 5)
    u_sd = np.sqrt(np.maximum(u_sq - u_mean ** 2, 1e-6))

    def features(part):
        u, m = part[:, 0].astype(int), part[:, 1].astype(int)
        p = part[:, 3] - LOW
        return np.column_stack([np.ones(len(part)), p, np.log1p(u_count[u]), np.log1p(m_count[m]), u_low[u],
                                m_low[m], u_sd[u], p * u_sd[u]])

    xv, xt = features(val), features(test)
    for name, cols in [("prediction only", [0, 1]), ("+ counts", [0, 1, 2, 3]), ("+ low shares", [0, 1, 4, 5]),
                       ("+ user spread", [0, 1, 6, 7]), ("all", list(range(8)))]:
        w = logistic(xv[:, cols], (val[:, 2] > LOW).astype(float))
        print("   %-16s validation acc %.4f  test acc %.4f" % (
            name, accuracy(xv[:, cols], w, val[:, 2]), accuracy(xt[:, cols], w, test[:, 2])))


def session(train, val, test, times):
    when, replay = times
    print("4. session term: mean residual of the user's K training ratings nearest in time, one weight fitted on"
          " validation")
    history, in_replay = {}, {}
    for u, m, r, p in train:
        history.setdefault(int(u), []).append((when[(int(u), int(m))], r - p))
        in_replay.setdefault(int(u), []).append((replay[(int(u), int(m))], r - p))
    history = {u: np.array(sorted(v)) for u, v in history.items()}
    in_replay = {u: np.array(sorted(v)) for u, v in in_replay.items()}

    def context(part, k, mode):
        out = np.zeros(len(part))
        for n, (u, m, _, _) in enumerate(part):
            seq = (in_replay if mode == "replay" else history).get(int(u))
            if seq is None:
                continue
            t = (replay if mode == "replay" else when)[(int(u), int(m))]
            # "before": earlier seconds only; "at": ratings of the same second count as well; "replay": what was
            # sent before it in replay order
            if mode != "both":
                end = np.searchsorted(seq[:, 0], t, side="right" if mode == "at" else "left")
                window = seq[max(0, end - k):end, 1]
            else:
                window = seq[np.argsort(np.abs(seq[:, 0] - t), kind="stable")[:k], 1]
            out[n] = window.sum() / (len(window) + 1)  # shrunk towards 0 when the window is short
        return out

    print("   no session term: validation %s | test %s" % (figures(val[:, 2], val[:, 3]),
                                                           figures(test[:, 2], test[:, 3])))
    seconds = {}
    for u, m in when:
        seconds[(u, when[(u, m)])] = seconds.get((u, when[(u, m)]), 0) + 1
    sizes = np.array(list(seconds.values()))
    print("   ratings that share their second with another rating of the same user: %.0f%%" % (
        100.0 * sizes[sizes > 1].sum() / sizes.sum()))
    for mode in ("before", "replay", "at", "both"):
        best = None
        for k in (2, 4, 6, 10, 20):
            cv = context(val, k, mode)
            w = float(np.linalg.lstsq(cv[:, None], val[:, 2] - val[:, 3], rcond=None)[0][0])
            mse = (((val[:, 3] + w * cv) - val[:, 2]) ** 2).mean()
            if best is None or mse < best[0]:
                best = (mse, k, w, cv)
        _, k, w, cv = best
        ct = context(test, k, mode)
        label = {"before": "before t      ", "replay": "replay order  ", "at": "at or before t",
                 "both": "both sides    "}[mode]
        print("   %s K=%2d weight %.3f: validation %s | test %s" % (
            label, k, w, figures(val[:, 2], val[:, 3] + w * cv), figures(test[:, 2], test[:, 3] + w * ct)))
        xv = np.column_stack([np.ones(len(val)), val[:, 3] - LOW, cv])
        xt = np.column_stack([np.ones(len(test)), test[:, 3] - LOW, ct])
        lw = logistic(xv, (val[:, 2] > LOW).astype(float))
        print("   %s logistic side-of-2.5: validation acc %.4f  test acc %.4f" % (
            label, accuracy(xv, lw, val[:, 2]), accuracy(xt, lw, test[:, 2])))


def autorec(train, val, test, hidden=500, epochs=300, seed=1):
    """Another model family: I-AutoRec (Sedhain et al. 2015), each movie's column of ratings through one sigmoid
    layer and back, squared error on the observed entries, Adam, the L2 weight chosen on validation. Then one blend
    weight with the network's predictions, fitted on validation."""
    print("5. another model family: I-AutoRec (%d hidden), blended with the network at one weight fitted on"
          " validation" % hidden)
    n_users = int(max(train[:, 0].max(), val[:, 0].max(), test[:, 0].max())) + 1
    n_movies = int(max(train[:, 1].max(), val[:, 1].max(), test[:, 1].max())) + 1
    ratings = np.zeros((n_movies, n_users), np.float32)
    ratings[train[:, 1].astype(int), train[:, 0].astype(int)] = train[:, 2]
    seen = ratings > 0
    known = seen.any(axis=1)

    def predict(weights, part):
        v, mu, w, b = weights
        out = (1 / (1 + np.exp(-(ratings @ v + mu)))) @ w + b
        u, m = part[:, 0].astype(int), part[:, 1].astype(int)
        return np.where(known[m], np.clip(out[m, u], 1, 5), 3.0)

    def fit(l2):
        rng = np.random.default_rng(seed)
        weights = [(rng.standard_normal((n_users, hidden)) / np.sqrt(n_users)).astype(np.float32),
                   np.zeros(hidden, np.float32),
                   (rng.standard_normal((hidden, n_users)) / np.sqrt(hidden)).astype(np.float32),
                   np.zeros(n_users, np.float32)]
        m1 = [np.zeros_like(x) for x in weights]
        m2 = [np.zeros_like(x) for x in weights]
        best = (np.inf, 0, None)
        for epoch in range(1, epochs + 1):
            for rows in np.array_split(rng.permutation(n_movies), (n_movies + 255) // 256):
                x, mask = ratings[rows], seen[rows]
                v, mu, w, b = weights
                h = 1 / (1 + np.exp(-(x @ v + mu)))
                e = (h @ w + b - x) * mask
                dh = (e @ w.T) * h * (1 - h)
                for k, g in enumerate((x.T @ dh + l2 * v, dh.sum(0), h.T @ e + l2 * w, e.sum(0))):
                    m1[k] = 0.9 * m1[k] + 0.1 * g
                    m2[k] = 0.999 * m2[k] + 0.001 * g * g
                    weights[k] -= 1e-3 * (m1[k] / (1 - 0.9 ** epoch)) / (np.sqrt(m2[k] / (1 - 0.999 ** epoch)) + 1e-8)
            if epoch % 10 == 0:
                mse = ((predict(weights, val) - val[:, 2]) ** 2).mean()
                if mse < best[0]:
                    best = (mse, epoch, [x.copy() for x in weights])
        return best

    chosen = None
    for l2 in (10.0, 20.0, 40.0):
        mse, epoch, weights = fit(l2)
        print("   L2 %4.0f: best validation MSE %.4f at epoch %d" % (l2, mse, epoch))
        if chosen is None or mse < chosen[0]:
            chosen = (mse, l2, weights)
    _, l2, weights = chosen
    pv, pt = predict(weights, val), predict(weights, test)
    print("   AutoRec alone (L2 %.0f): test %s" % (l2, figures(test[:, 2], pt)))
    share = min(np.arange(0, 1.001, 0.05), key=lambda a: (((a * pv + (1 - a) * val[:, 3]) - val[:, 2]) ** 2).mean())
    print("   blend %.2f AutoRec + %.2f network: validation %s | test %s" % (
        share, 1 - share, figures(val[:, 2], share * pv + (1 - share) * val[:, 3]),
        figures(test[:, 2], share * pt + (1 - share) * test[:, 3])))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="the MovieLens 100k directory the evaluation read")
    parser.add_argument("--predictions", required=True, help="the CSV of train evaluate --predictions")
    args = parser.parse_args()
    parts = load(args.predictions)
    train, val, test = parts["train"], parts["validation"], parts["test"]
    print("validation: %d ratings, %s | test: %d ratings, %s" % (
        len(val), figures(val[:, 2], val[:, 3]), len(test), figures(test[:, 2], test[:, 3])))
    calibration(val, test)
    by_activity(train, test)
    profiles(train, val, test)
    session(train, val, test, timestamps(args.data))
    autorec(train, val, test)


if __name__ == "__main__":
    main()
