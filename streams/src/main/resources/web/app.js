// The live page: polls the app's JSON endpoints and draws with uPlot. No build step: plain browser JavaScript.
'use strict';

const USER_EVERY_MS = 1000;
const MODEL_EVERY_MS = 3000;
const STREAM_EVERY_MS = 2000;
const COLORS = ['#2f6fdb', '#e8710a', '#1e8e3e', '#c0392b', '#8e44ad', '#7f8c8d'];

const $ = (id) => document.getElementById(id);
let user = null;
let lastUserBody = null;

// ---- talking to the app; a request that gets no answer marks the connection down until one does
async function getJson(path) {
  let response;
  try {
    response = await fetch(path, {cache: 'no-store'});
  } catch (e) {
    connection(false);
    return null;
  }
  connection(true);
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = {error: 'the app answered ' + response.status + ' without JSON'};
  }
  return {status: response.status, body};
}

function connection(up) {
  const badge = $('connection');
  badge.textContent = up ? 'live' : 'reconnecting: the app is not answering';
  badge.className = 'badge ' + (up ? 'live' : 'down');
}

function every(ms, task) {
  const run = async () => {
    try {
      await task();
    } finally {
      setTimeout(run, ms);
    }
  };
  run();
}

// ---- small DOM helpers that never parse text as HTML
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function stars(value) {
  return '\u2605 ' + Number(value).toFixed(1);
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '-';
}

function title(item) {
  return item.title || 'movie ' + item.movieId;
}

// ---- the user's two lists
function showUser(id) {
  user = id;
  lastUserBody = null;
  $('user-error').textContent = '';
  if (id) {
    history.replaceState(null, '', '#user=' + encodeURIComponent(id));
  }
  pollUser();
}

async function pollUser() {
  if (!user) return;
  const asked = user;
  const answer = await getJson('/users/' + encodeURIComponent(asked) + '/view');
  if (!answer || asked !== user) return;
  if (answer.status === 200) {
    $('user-error').textContent = '';
    const text = JSON.stringify(answer.body);
    if (text !== lastUserBody) {
      lastUserBody = text;
      renderUser(answer.body);
    }
  } else if (answer.status === 400) {
    $('user-error').textContent = answer.body.error;
    lastUserBody = null;
    renderUser(null);
  } else {
    // 503 while the app starts or rebalances: keep the last lists, say why they may be stale
    $('user-error').textContent = answer.body.error || 'the app answered ' + answer.status;
  }
}

function renderUser(view) {
  const watched = $('watched');
  const recommended = $('recommended');
  watched.replaceChildren();
  recommended.replaceChildren();
  if (!view) {
    $('user-note').textContent = '';
    $('recommended-sub').textContent = 'top 10';
    return;
  }
  if (view.ratings === 0) {
    watched.append(el('li', 'empty', view.message));
  }
  for (const movie of view.watched) {
    const li = el('li', 'watched-row');
    li.append(el('span', null, title(movie) + ' '), el('span', 'stars', stars(movie.rating)));
    watched.append(li);
  }
  for (const item of view.recommended) {
    const li = el('li', 'recommended-row');
    li.append(el('span', null, title(item) + ' '), el('span', 'stars', stars(item.stars)));
    if (item.because.length > 0) {
      const reasons = item.because.map((r) => title(r) + ' (' + stars(r.rating) + ')').join(', ');
      li.append(el('span', 'why', 'because you rated ' + reasons));
    }
    recommended.append(li);
  }
  const byModel = view.strategy === 'MODEL';
  $('recommended-sub').textContent = view.ratings === 0 ? 'the most rated movies, with their mean rating'
    : byModel ? 'top 10, with predicted stars and why' : 'the most rated movies (no model yet), mean rating';
  const parts = ['user ' + view.userId, view.ratings + ' ratings'];
  if (view.modelVersion !== null) parts.push('list by model v' + view.modelVersion);
  if (view.generatedAt) parts.push('updated ' + time(view.generatedAt));
  if (view.explainedBy !== null) {
    parts.push('"because": the rated movies whose removal lowers the movie\'s ranking score most (model v'
      + view.explainedBy + ')');
  }
  $('user-note').textContent = parts.join(' \u00b7 ');
}

// ---- charts
function chart(container, title, series, options, height) {
  let plot = null;
  const size = () => ({width: Math.max(container.clientWidth, 280), height: height || 160});
  return (data) => {
    if (!plot) {
      const opts = Object.assign({
        title: title,
        ...size(),
        series: [{}].concat(series.map((s, i) => Object.assign({stroke: COLORS[i % COLORS.length], width: 2}, s))),
        legend: {live: false},
      }, options || {});
      plot = new uPlot(opts, data, container);
      window.addEventListener('resize', () => plot.setSize(size()));
    } else {
      plot.setData(data);
    }
  };
}

const modelChart = chart($('model-chart'), 'validation figures by version', [
  {label: 'MSE', scale: 'mse', points: {show: true, size: 7}},
  {label: 'NDCG@10', scale: 'ndcg', points: {show: true, size: 7}},
], {
  scales: {x: {time: false}},
  axes: [{label: 'version', incrs: [1, 2, 5, 10, 20, 50, 100]},
    {scale: 'mse', label: 'MSE', size: 60, values: (u, ticks) => ticks.map((v) => v.toFixed(3))},
    {scale: 'ndcg', label: 'NDCG@10', side: 1, size: 60, grid: {show: false},
      values: (u, ticks) => ticks.map((v) => v.toFixed(3))}],
}, 220);

async function pollModel() {
  const answer = await getJson('/model/versions');
  if (!answer || answer.status !== 200) return;
  const {current, versions} = answer.body;
  renderModel(current);
  const metric = (name) => versions.map((v) => (name in v.metrics ? v.metrics[name] : null));
  modelChart([versions.map((v) => v.version), metric('val_mse'), metric('val_ndcg_at_10')]);
  $('model-chart').dataset.points = String(versions.length);
}

function renderModel(model) {
  const figures = $('model-figures');
  figures.replaceChildren();
  const row = (name, value, id) => {
    const dd = el('dd', null, value);
    if (id) dd.id = id;
    figures.append(el('dt', null, name), dd);
  };
  if (!model) {
    row('version in use', 'none yet (recommendations come from popularity)', 'model-version');
    return;
  }
  const m = model.metrics;
  const fixed = (name, digits) => (name in m ? Number(m[name]).toFixed(digits) : '-');
  row('version in use', 'v' + model.version + (model.parentVersion !== null
    ? ' (warm-started from v' + model.parentVersion + ')' : ''), 'model-version');
  row('loaded', time(model.loadedAt));
  row('trained', time(model.createdAt) + ' on ' + model.ratingsSeen.toLocaleString() + ' ratings');
  row('validation MSE', fixed('val_mse', 4));
  row('validation NDCG@10', fixed('val_ndcg_at_10', 4));
  row('validation hit rate@10', fixed('val_hit_rate_at_10', 4));
  row('blend weight', String(model.blendWeight));
  row('recency', String(model.recency));
  row('movies', model.movies.toLocaleString());
}

const timeAxis = {scales: {x: {time: true}}};
const ratingsChart = chart($('chart-ratings'), 'ratings per second', [{label: 'ratings/s'}], timeAxis);
const strategyChart = chart($('chart-strategies'), 'recommendations per second, by strategy',
  [{label: 'model'}, {label: 'popularity'}], timeAxis);
const lagChart = chart($('chart-lag'), 'consumer lag on ratings (records)', [{label: 'lag'}], timeAxis);
let deadLetterChart = null;

async function pollStream() {
  const answer = await getJson('/stream');
  if (!answer || answer.status !== 200) return;
  const points = answer.body.points;
  if (points.length === 0) return;
  const t = points.map((p) => Date.parse(p.time) / 1000);
  ratingsChart([t, points.map((p) => p.ratingsPerSecond)]);
  strategyChart([t, points.map((p) => p.recommendationsPerSecond.model),
    points.map((p) => p.recommendationsPerSecond.popularity)]);
  lagChart([t, points.map((p) => p.consumerLag)]);
  const reasons = Object.keys(points[0].deadLetters);
  if (!deadLetterChart) {
    deadLetterChart = chart($('chart-dead-letters'), 'dead letters since start, by reason',
      reasons.map((r) => ({label: r.replace(/_/g, ' ')})), timeAxis);
  }
  deadLetterChart([t].concat(reasons.map((r) => points.map((p) => p.deadLetters[r]))));
}

// ---- start
$('user-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const id = $('user-input').value.trim();
  if (!id) {
    $('user-error').textContent = 'type a user id';
    return;
  }
  showUser(id);
});

const fromHash = /user=([^&]+)/.exec(location.hash);
if (fromHash) {
  $('user-input').value = decodeURIComponent(fromHash[1]);
  user = $('user-input').value;
}
every(USER_EVERY_MS, pollUser);
every(MODEL_EVERY_MS, pollModel);
every(STREAM_EVERY_MS, pollStream);
