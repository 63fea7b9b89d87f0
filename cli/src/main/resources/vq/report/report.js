/* vq report: renders the JSON document embedded in #vq-data with Apache ECharts (embedded above).
 * Every chart is registered in window.vqReport.charts so tests and `vq report --png` can inspect it. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('vq-data').textContent);
  var charts = {};
  var MAIN = document.getElementById('main');
  var NAV = document.getElementById('nav');
  var C = { accent: '#2563eb', pos: '#15803d', neg: '#dc2626', muted: '#9ca3af', ink: '#111827', grid: '#eef0f3' };
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  // ---------------------------------------------------------------- formatting
  var PCT = { total_return: 1, cagr: 1, max_drawdown: 1, win_rate: 1, exposure: 1, annual_volatility: 1, cvar95: 1,
    oos_return: 1, is_return: 1, ret: 1, change: 1 };
  var MONEY = { fees: 1, funding: 1, slippage: 1, avg_win: 1, avg_loss: 1, expectancy: 1, gross_pnl: 1, net_pnl: 1,
    initial_equity: 1, final_equity: 1 };
  var COUNT = { trades: 1, liquidations: 1, param_set_id: 1, pareto_rank: 1, trade_no: 1, n: 1, filters_run: 1,
    filters_failed: 1, window_no: 1, stage: 1, judged: 1, passed: 1, n_in: 1, survivors: 1 };
  var LABEL = { total_return: 'Return', cagr: 'CAGR', annual_volatility: 'Volatility', sharpe: 'Sharpe', sortino: 'Sortino',
    max_drawdown: 'Max DD', max_drawdown_days: 'DD days', calmar: 'Calmar', trades: 'Trades', win_rate: 'Win rate',
    profit_factor: 'Profit factor', avg_win: 'Avg win', avg_loss: 'Avg loss', expectancy: 'Expectancy',
    avg_r_multiple: 'Avg R', exposure: 'Exposure', fees: 'Fees', funding: 'Funding', slippage: 'Slippage',
    liquidations: 'Liquidations', cvar95: 'CVaR 95', pareto_rank: 'Pareto rank', param_set_id: 'Set',
    passes_constraints: 'Constraints', filters_passed: 'Filters', symbol: 'Symbol' };

  function toNum(x) {
    if (x === 'inf') return Infinity;
    if (x === '-inf') return -Infinity;
    if (x === null || x === undefined || x === '') return NaN;
    return typeof x === 'number' ? x : Number(x);
  }
  function fmtNum(x, d) {
    var v = toNum(x);
    if (isNaN(v)) return '–';
    if (!isFinite(v)) return v > 0 ? '∞' : '−∞';
    v = v + 0; // no "-0"
    var a = Math.abs(v);
    if (d === undefined) d = a >= 1000 ? 0 : a >= 100 ? 1 : 2;
    return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  }
  function fmtPct(x, d) {
    var v = toNum(x);
    if (isNaN(v) || !isFinite(v)) return fmtNum(v);
    return (v * 100).toLocaleString('en-US', { minimumFractionDigits: d === undefined ? 1 : d, maximumFractionDigits: d === undefined ? 1 : d }) + '%';
  }
  function fmt(key, x) {
    if (x === true) return '✓';
    if (x === false) return '✗';
    if (typeof x === 'string' && x !== 'inf' && x !== '-inf') return x;
    if (PCT[key]) return fmtPct(x);
    if (MONEY[key]) return fmtNum(x, 2);
    if (COUNT[key]) return fmtNum(x, 0);
    return fmtNum(x);
  }
  function signClass(x) { var v = toNum(x); return isNaN(v) || v === 0 ? '' : v > 0 ? 'pos' : 'neg'; }
  function date(ms) { return ms === null || ms === undefined ? '–' : new Date(ms).toISOString().slice(0, 10); }
  function dateTime(ms) { return ms === null || ms === undefined ? '–' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '); }
  function label(k) { return LABEL[k] || k; }
  function paramText(p) {
    if (!p || typeof p !== 'object') return '';
    return Object.keys(p).map(function (k) { return k + '=' + p[k]; }).join(', ');
  }

  // ---------------------------------------------------------------- DOM helpers
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'html') e.innerHTML = attrs[k];
      else if (k === 'cls') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }
  function section(id, title, caption) {
    var s = el('section', { cls: 'card', id: id });
    var h = el('header', null, el('h2', { text: title }));
    if (caption) h.appendChild(el('p', { text: caption }));
    s.appendChild(h);
    MAIN.appendChild(s);
    NAV.appendChild(el('a', { href: '#' + id, text: title }));
    return s;
  }
  function notComputed(parent, what, how) {
    parent.appendChild(el('div', { cls: 'note', html: '<b>Not computed:</b> ' + esc(what) + (how ? ' ' + how : '') }));
  }
  function cmd(s) { return '<code>' + esc(s) + '</code>'; }

  /** A chart: one ECharts instance in a div, animation off (screenshots), a save-as-PNG button. */
  function chart(parent, id, option, cls) {
    var div = el('div', { cls: 'chart' + (cls ? ' ' + cls : ''), id: 'chart-' + id, 'data-chart': id });
    parent.appendChild(div);
    option.animation = false;
    option.textStyle = { fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif' };
    option.toolbox = option.toolbox || { right: 4, top: 0, itemSize: 13, feature: { saveAsImage: { name: 'vq-' + id, pixelRatio: 2, title: 'PNG' } } };
    ['xAxis', 'yAxis'].forEach(function (a) {
      var ax = option[a];
      if (ax && !Array.isArray(ax) && ax.type === 'time') ax.axisLabel = Object.assign({ hideOverlap: true }, ax.axisLabel || {});
    });
    var inst = echarts.init(div, null, { renderer: 'canvas' });
    inst.setOption(option);
    charts[id] = inst;
    return inst;
  }
  window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });

  /** A table whose headers sort it (numbers numerically, '–' last). */
  function table(parent, cols, rows, opts) {
    opts = opts || {};
    var wrap = el('div', { cls: 'tablewrap' });
    var t = el('table', { cls: 'data' });
    var thead = el('thead');
    var hr = el('tr');
    cols.forEach(function (c, i) {
      var th = el('th', { cls: 'sortable' + (c.left ? ' l' : ''), scope: 'col', text: c.title, title: 'sort by ' + c.title });
      th.addEventListener('click', function () { sortBy(i, th); });
      hr.appendChild(th);
    });
    thead.appendChild(hr);
    t.appendChild(thead);
    var tbody = el('tbody');
    t.appendChild(tbody);
    var data = rows.slice();
    function render() {
      tbody.textContent = '';
      var frag = document.createDocumentFragment();
      data.forEach(function (r) {
        var tr = el('tr');
        if (opts.rowClass) { var rc = opts.rowClass(r); if (rc) tr.className = rc; }
        cols.forEach(function (c) {
          var v = c.get(r);
          var td = el('td', { cls: (c.left ? 'l ' : '') + (c.signed ? signClass(v) : '') });
          td.textContent = c.fmt ? c.fmt(v, r) : fmt(c.key, v);
          tr.appendChild(td);
        });
        frag.appendChild(tr);
      });
      tbody.appendChild(frag);
    }
    function sortBy(i, th) {
      var dir = th.getAttribute('aria-sort') === 'descending' ? 1 : -1;
      Array.prototype.forEach.call(hr.children, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      var c = cols[i];
      data.sort(function (a, b) {
        var x = c.get(a), y = c.get(b);
        if (typeof x === 'string' && x !== 'inf' && x !== '-inf' || typeof y === 'string' && y !== 'inf' && y !== '-inf') {
          return dir * String(x).localeCompare(String(y));
        }
        var u = toNum(x), w = toNum(y);
        if (typeof x === 'boolean') { u = x ? 1 : 0; w = y ? 1 : 0; }
        if (isNaN(u)) return isNaN(w) ? 0 : 1;
        if (isNaN(w)) return -1;
        return dir * (u < w ? -1 : u > w ? 1 : 0);
      });
      render();
    }
    render();
    wrap.appendChild(t);
    parent.appendChild(wrap);
    return t;
  }

  function kpi(parent, value, key) {
    parent.appendChild(el('div', { cls: 'kpi' }, el('div', { cls: 'v', text: value }), el('div', { cls: 'k', text: key })));
  }

  // ---------------------------------------------------------------- overview
  var E = D.experiment;
  var S = D.sweep;
  (function overview() {
    var title = E ? (E.name || E.id) : 'run ' + D.id;
    MAIN.appendChild(el('h1', { text: title }));
    document.title = 'vq report · ' + (E ? E.id : D.id);
    var bits = [];
    if (E) {
      if (E.strategy) bits.push(E.strategy);
      if (E.symbols && E.symbols.length) bits.push(E.symbols.join(', '));
      if (E.barInterval) bits.push(E.barInterval + ' bars');
      if (E.dataFrom) bits.push(date(E.dataFrom) + ' → ' + date(E.dataTo));
      bits.push(E.status);
    }
    MAIN.appendChild(el('p', { cls: 'sub', text: bits.join(' · ') }));
    var k = el('div', { cls: 'kpis' });
    if (S) {
      kpi(k, fmtNum(S.paramSets, 0), 'parameter sets');
      kpi(k, fmtNum(S.symbols.length, 0), 'symbols');
      var best = S.leaderboard.reduce(function (m, r) { var v = toNum(r.sharpe); return isNaN(v) ? m : Math.max(m, v); }, -Infinity);
      kpi(k, fmtNum(best), 'best Sharpe (screen)');
      kpi(k, fmtNum(S.front, 0), 'on the Pareto front');
      kpi(k, fmtNum(S.passingConstraints, 0), 'meet hard constraints');
    }
    if (D.filters && D.filters.funnel.length) {
      var last = D.filters.funnel[D.filters.funnel.length - 1];
      kpi(k, fmtNum(last.survivors, 0), 'survive all filters');
    }
    kpi(k, fmtNum(D.validatedRuns, 0), 'validated runs');
    MAIN.appendChild(k);

    var s = section('overview', 'Experiment', E ? E.id : 'single validation run');
    if (!E) {
      notComputed(s, 'this run belongs to no experiment, so there is no screen, filter or walk-forward data.');
      return;
    }
    var dl = el('dl', { cls: 'meta' });
    function row(kk, v) { if (v !== null && v !== undefined && v !== '') { dl.appendChild(el('dt', { text: kk })); dl.appendChild(el('dd', { text: String(v) })); } }
    row('id', E.id);
    row('kind', E.kind);
    row('strategy', E.strategy);
    row('symbols', (E.symbols || []).join(', '));
    row('bars', E.barInterval);
    if (E.dataFrom) row('data', dateTime(E.dataFrom) + ' → ' + dateTime(E.dataTo) + ' UTC');
    row('method', E.method);
    row('parameter sets', E.paramSets);
    row('seed', E.seed);
    if (E.paramSpace && typeof E.paramSpace === 'object') row('parameter space', JSON.stringify(E.paramSpace));
    row('code version', E.codeVersion);
    row('started', E.startedAt);
    row('finished', E.finishedAt);
    s.appendChild(dl);
    if (E.configYaml) {
      var det = el('details', null, el('summary', { text: 'configuration (YAML, as run)' }), el('pre', { cls: 'yaml', text: E.configYaml }));
      s.appendChild(det);
    }
  })();

  // ---------------------------------------------------------------- leaderboard
  (function leaderboard() {
    var s = section('leaderboard', 'Leaderboard', S ? 'Top ' + S.leaderboard.length + ' of ' + fmtNum(S.rows, 0)
      + ' (parameter set × symbol) rows by Pareto rank, then Sharpe. Click a column to sort.' : null);
    if (!S) { notComputed(s, 'no screening results for this experiment.', 'Run ' + cmd('vq screen STRATEGY.yaml') + '.'); return; }
    var cols = [
      { title: '#', key: 'n', get: function (r) { return r._i; }, fmt: function (v) { return String(v); } },
      { title: 'Set', key: 'param_set_id', get: function (r) { return r.param_set_id; } },
      { title: 'Symbol', key: 'symbol', left: true, get: function (r) { return r.symbol; } }
    ];
    S.params.forEach(function (p) {
      cols.push({ title: p, key: 'param', get: function (r) { return r.params ? r.params[p] : null; },
        fmt: function (v) { return v === null || v === undefined ? '–' : typeof v === 'number' ? String(v) : String(v); } });
    });
    ['sharpe', 'sortino', 'total_return', 'cagr', 'max_drawdown', 'calmar', 'profit_factor', 'win_rate', 'trades', 'exposure',
      'fees', 'funding', 'liquidations', 'pareto_rank'].forEach(function (m) {
      cols.push({ title: label(m), key: m, signed: m === 'total_return' || m === 'cagr' || m === 'sharpe', get: function (r) { return r[m]; } });
    });
    cols.push({ title: 'Constraints', key: 'passes_constraints', get: function (r) { return r.passes_constraints; } });
    cols.push({ title: 'Filters', key: 'filters_passed', get: function (r) { return r.filters_passed; },
      fmt: function (v, r) { return v === null || v === undefined ? 'not run' : v ? 'pass' : 'fail: ' + (r.failed_filters || []).join(', '); } });
    var rows = S.leaderboard.map(function (r, i) { r._i = i + 1; return r; });
    table(s, cols, rows, { rowClass: function (r) { return r.pareto_rank === 1 ? 'front' : ''; } });
  })();

  // ---------------------------------------------------------------- Pareto scatter
  (function pareto() {
    var s = section('pareto', 'Pareto front', 'Sharpe vs max drawdown; colour = profit factor, size = trades; ringed points are on the front (rank 1).');
    if (!S) { notComputed(s, 'no screening results.'); return; }
    if (S.scatterSampled) s.appendChild(el('p', { cls: 'caption', text: 'Showing every front point and a deterministic sample of the rest ('
      + fmtNum(S.scatter.length, 0) + ' of ' + fmtNum(S.rows, 0) + ').' }));
    var pts = S.scatter.filter(function (r) { return isFinite(toNum(r.sharpe)) && isFinite(toNum(r.max_drawdown)); });
    var pfs = pts.map(function (r) { return toNum(r.profit_factor); }).filter(function (v) { return isFinite(v); }).sort(function (a, b) { return a - b; });
    var pfMax = pfs.length ? Math.max(1.5, pfs[Math.floor(0.95 * (pfs.length - 1))]) : 2;
    var pfMin = pfs.length ? Math.min(0.5, pfs[0]) : 0;
    var tr = pts.map(function (r) { return toNum(r.trades) || 0; });
    var tMax = Math.max.apply(null, tr.concat([1]));
    function datum(r) {
      var pf = toNum(r.profit_factor);
      return { value: [toNum(r.max_drawdown) * 100, toNum(r.sharpe), isFinite(pf) ? pf : pfMax, toNum(r.trades) || 0],
        r: r };
    }
    var size = function (v) { return 5 + 17 * Math.sqrt(v[3] / tMax); };
    chart(s, 'pareto', {
      grid: { left: 56, right: 110, top: 30, bottom: 48 },
      // ruined sets (drawdown 100 %) can stretch the axes: drag a box or scroll to zoom in
      toolbox: { right: 4, top: 0, itemSize: 13, feature: { dataZoom: { title: { zoom: 'zoom', back: 'undo zoom' } },
        restore: { title: 'reset' }, saveAsImage: { name: 'vq-pareto', pixelRatio: 2, title: 'PNG' } } },
      dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }, { type: 'inside', yAxisIndex: 0, filterMode: 'none' }],
      tooltip: { trigger: 'item', formatter: function (p) {
        var r = p.data.r;
        return esc('set ' + r.param_set_id + ' · ' + r.symbol) + '<br>' + esc(paramText(r.params)) + '<br>Sharpe ' + fmtNum(r.sharpe)
          + ' · max DD ' + fmtPct(r.max_drawdown) + '<br>PF ' + fmtNum(r.profit_factor) + ' · trades ' + fmtNum(r.trades, 0)
          + ' · rank ' + (r.pareto_rank === null ? '–' : r.pareto_rank);
      } },
      xAxis: { type: 'value', name: 'max drawdown (%)', nameLocation: 'middle', nameGap: 28, splitLine: { lineStyle: { color: C.grid } } },
      yAxis: { type: 'value', name: 'Sharpe', nameLocation: 'middle', nameGap: 38, splitLine: { lineStyle: { color: C.grid } } },
      visualMap: { type: 'continuous', dimension: 2, min: pfMin, max: pfMax, right: 8, top: 'middle', calculable: false,
        text: ['PF ' + fmtNum(pfMax), 'PF ' + fmtNum(pfMin)], inRange: { color: ['#b91c1c', '#f59e0b', '#e5e7eb', '#22c55e', '#166534'] },
        seriesIndex: [0, 1] },
      series: [
        { name: 'dominated', type: 'scatter', symbolSize: size, itemStyle: { opacity: 0.7 },
          data: pts.filter(function (r) { return r.pareto_rank !== 1; }).map(datum) },
        { name: 'Pareto front', type: 'scatter', symbolSize: size, itemStyle: { borderColor: C.ink, borderWidth: 1.5 }, z: 3,
          data: pts.filter(function (r) { return r.pareto_rank === 1; }).map(datum) }
      ]
    }, 'tall');
  })();

  // ---------------------------------------------------------------- heatmaps
  var HIGHER_BETTER = { max_drawdown: false, trades: true, exposure: true };
  (function heatmaps() {
    var s = section('heatmaps', 'Parameter heatmaps', 'Median of the chosen metric over the other parameters and symbols, per cell. '
      + 'The outlined block is the robust cluster: the 3×3 neighbourhood with the best mean (a plateau, not an isolated peak).');
    if (!S) { notComputed(s, 'no screening results.'); return; }
    if (!S.heatmaps.length) { notComputed(s, 'a heatmap needs two numeric parameters; this sweep has ' + S.params.length + ' parameter(s).'); return; }
    var ctl = el('div', { cls: 'controls' });
    var pairSel = el('select', { 'aria-label': 'parameter pair' });
    S.heatmaps.forEach(function (h, i) { pairSel.appendChild(el('option', { value: String(i), text: h.x + ' × ' + h.y })); });
    var metricSel = el('select', { 'aria-label': 'metric' });
    ['sharpe', 'total_return', 'cagr', 'sortino', 'calmar', 'max_drawdown', 'profit_factor', 'win_rate', 'trades', 'expectancy', 'exposure']
      .forEach(function (m) { metricSel.appendChild(el('option', { value: m, text: label(m) })); });
    ctl.appendChild(el('label', null, 'parameters ', pairSel));
    ctl.appendChild(el('label', null, 'metric ', metricSel));
    s.appendChild(ctl);
    var info = el('p', { cls: 'caption' });
    var inst = chart(s, 'heatmap', { series: [] }, 'tall');
    s.appendChild(info);

    function render() {
      var h = S.heatmaps[Number(pairSel.value)], m = metricSel.value;
      var xs = [], ys = [];
      h.cells.forEach(function (c) { if (xs.indexOf(c.x) < 0) xs.push(c.x); if (ys.indexOf(c.y) < 0) ys.push(c.y); });
      xs.sort(function (a, b) { return a - b; });
      ys.sort(function (a, b) { return a - b; });
      var grid = {};
      var data = [], vals = [];
      h.cells.forEach(function (c) {
        var v = toNum(c[m]);
        var xi = xs.indexOf(c.x), yi = ys.indexOf(c.y);
        grid[xi + ',' + yi] = v;
        data.push([xi, yi, isFinite(v) ? v : null, c.n]);
        if (isFinite(v)) vals.push(v);
      });
      var hb = HIGHER_BETTER[m] === undefined ? true : HIGHER_BETTER[m];
      // robust cluster: the cell whose 3×3 neighbourhood (existing, finite cells) has the best mean
      var best = null;
      for (var xi = 0; xi < xs.length; xi++) for (var yi = 0; yi < ys.length; yi++) {
        if (!isFinite(grid[xi + ',' + yi])) continue;
        var sum = 0, n = 0;
        for (var dx = -1; dx <= 1; dx++) for (var dy = -1; dy <= 1; dy++) {
          var v = grid[(xi + dx) + ',' + (yi + dy)];
          if (isFinite(v)) { sum += v; n++; }
        }
        if (n < Math.min(4, xs.length * ys.length)) continue;
        var mean = sum / n;
        if (!best || (hb ? mean > best.mean : mean < best.mean)) best = { xi: xi, yi: yi, mean: mean, n: n };
      }
      var lo = vals.length ? Math.min.apply(null, vals) : 0, hi = vals.length ? Math.max.apply(null, vals) : 1;
      var peak = vals.length ? (hb ? hi : lo) : NaN;
      var ramp = ['#7f1d1d', '#dc2626', '#fca5a5', '#f3f4f6', '#86efac', '#16a34a', '#14532d'];
      if (!hb) ramp = ramp.slice().reverse();
      // binned axes: a cell holds [start, start + width); integer parameters show "lo–hi" inclusive
      function binLabel(v, w, ints) {
        if (!w) return String(v);
        return ints ? String(v) + '–' + String(v + w - 1) : fmtNum(v) + '–' + fmtNum(v + w);
      }
      var fx = function (v) { return binLabel(v, h.xWidth, h.xInts); };
      var fy = function (v) { return binLabel(v, h.yWidth, h.yInts); };
      var clusterRect = best ? [[Math.max(0, best.xi - 1), Math.max(0, best.yi - 1), Math.min(xs.length - 1, best.xi + 1), Math.min(ys.length - 1, best.yi + 1)]] : [];
      inst.setOption({
        animation: false,
        grid: { left: 84, right: 110, top: 24, bottom: 56 },
        tooltip: { formatter: function (p) {
          if (p.seriesType !== 'heatmap') return '';
          return esc(h.x + ' ' + fx(xs[p.value[0]]) + ', ' + h.y + ' ' + fy(ys[p.value[1]])) + '<br>' + esc(label(m)) + ' (median) '
            + fmt(m, p.value[2]) + '<br>' + p.value[3] + ' rows';
        } },
        xAxis: { type: 'category', data: xs.map(fx), name: h.x, nameLocation: 'middle', nameGap: 32, splitArea: { show: false } },
        yAxis: { type: 'category', data: ys.map(fy), name: h.y, nameLocation: 'middle', nameGap: 62 },
        visualMap: { type: 'continuous', dimension: 2, min: lo, max: hi === lo ? lo + 1 : hi, calculable: false, right: 8, top: 'middle',
          text: [fmt(m, hi), fmt(m, lo)], inRange: { color: ramp }, seriesIndex: 0 },
        series: [
          { type: 'heatmap', data: data, emphasis: { itemStyle: { borderColor: C.ink, borderWidth: 1 } }, progressive: 0 },
          { type: 'custom', name: 'robust cluster', silent: true, z: 5, data: clusterRect,
            renderItem: function (params, api) {
              var a = api.coord([api.value(0), api.value(1)]), b = api.coord([api.value(2), api.value(3)]);
              var cw = api.size([1, 1]);
              var x0 = Math.min(a[0], b[0]) - cw[0] / 2, y0 = Math.min(a[1], b[1]) - cw[1] / 2;
              return { type: 'rect', shape: { x: x0, y: y0, width: Math.abs(b[0] - a[0]) + cw[0], height: Math.abs(b[1] - a[1]) + cw[1] },
                style: { fill: 'rgba(0,0,0,0)', stroke: '#111827', lineWidth: 2.5, lineDash: [6, 3] } };
            } }
        ]
      }, true);
      info.textContent = best
        ? 'Robust cluster around ' + h.x + ' = ' + fx(xs[best.xi]) + ', ' + h.y + ' = ' + fy(ys[best.yi]) + ': mean ' + label(m) + ' '
          + fmt(m, best.mean) + ' over ' + best.n + ' cells; the single best cell is ' + fmt(m, peak) + '.'
        : 'Too few cells to find a cluster.';
    }
    pairSel.addEventListener('change', render);
    metricSel.addEventListener('change', render);
    render();
  })();

  // ---------------------------------------------------------------- filters
  (function filters() {
    var s = section('filters', 'Overfitting filters', 'Funnel: (parameter set × symbol) rows that pass every filter up to each stage.');
    if (!D.filters) { notComputed(s, 'no overfitting filter has run for this experiment.', 'Run ' + cmd('vq filter --experiment ' + (E ? E.id : 'ID') + ' --filters dsr,wfa,pbo,pkfold') + '.'); return; }
    var f = D.filters.funnel;
    var cats = ['screened'].concat(f.map(function (r) { return r.stage + '. ' + r.filter; }));
    var vals = [f.length ? f[0].n_in : 0].concat(f.map(function (r) { return r.survivors; }));
    chart(s, 'funnel', {
      grid: { left: 110, right: 60, top: 24, bottom: 30 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: C.grid } } },
      yAxis: { type: 'category', data: cats, inverse: true },
      series: [{ type: 'bar', data: vals, itemStyle: { color: C.accent }, barMaxWidth: 28,
        label: { show: true, position: 'right', formatter: function (p) { return fmtNum(p.value, 0); } } }]
    }, 'short');
    table(s, [
      { title: 'Stage', key: 'stage', get: function (r) { return r.stage; } },
      { title: 'Filter', key: 'filter', left: true, get: function (r) { return r.filter; } },
      { title: 'Judged', key: 'judged', get: function (r) { return r.judged; } },
      { title: 'Passed', key: 'passed', get: function (r) { return r.passed; } },
      { title: 'Median value', key: 'median_value', get: function (r) { return r.median_value; } },
      { title: 'Threshold', key: 'threshold', get: function (r) { return r.threshold; } }
    ], D.filters.summary);
  })();

  // ---------------------------------------------------------------- walk-forward
  (function walkForward() {
    var s = section('walkforward', 'Walk-forward', 'Out-of-sample equity stitched window after window (start = 1), each window traded with the set chosen in-sample.');
    if (!D.walkForward) { notComputed(s, 'no walk-forward analysis for this experiment.', 'Run ' + cmd('vq wfa --experiment ' + (E ? E.id : 'ID')) + '.'); return; }
    var wins = D.walkForwardWindows || [];
    var groups = {};
    D.walkForward.forEach(function (r) {
      var k = r.symbol + ' · ' + r.scheme;
      (groups[k] = groups[k] || []).push([r.t, toNum(r.oos_equity)]);
    });
    var series = Object.keys(groups).map(function (k) {
      var first = wins.filter(function (w) { return w.symbol + ' · ' + w.scheme === k; })[0];
      var pts = (first ? [[first.test_from, 1]] : []).concat(groups[k]);
      return { name: k, type: 'line', showSymbol: false, sampling: 'lttb', lineStyle: { width: 1.5 }, data: pts };
    });
    if (series.length) {
      chart(s, 'walkforward', {
        grid: { left: 56, right: 24, top: 40, bottom: 40 },
        legend: { top: 0, left: 'center' },
        tooltip: { trigger: 'axis', valueFormatter: function (v) { return fmtNum(v, 3); } },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', scale: true, splitLine: { lineStyle: { color: C.grid } } },
        series: series
      });
    } else {
      notComputed(s, 'the stitched out-of-sample equity curve (this walk-forward stored windows only).');
    }
    var prof = wins.filter(function (w) { return toNum(w.oos_return) > 0; }).length;
    var ends = Object.keys(groups).map(function (k) { var g = groups[k]; return k + ' ×' + fmtNum(g[g.length - 1][1], 3); });
    if (wins.length) s.appendChild(el('p', { cls: 'caption', text: 'Profitable OOS windows: ' + prof + ' of ' + wins.length
      + (ends.length ? '; stitched OOS equity at the end: ' + ends.join(', ') : '') + '. Walk-forward efficiency (annualized OOS / IS rate) is in the '
      + 'output of vq wfa / vq filter.' }));
    table(s, [
      { title: 'Symbol', key: 'symbol', left: true, get: function (r) { return r.symbol; } },
      { title: 'Scheme', key: 'scheme', left: true, get: function (r) { return r.scheme; } },
      { title: 'Window', key: 'window_no', get: function (r) { return r.window_no; } },
      { title: 'Train', key: 'train', left: true, get: function (r) { return date(r.train_from) + ' → ' + date(r.train_to); } },
      { title: 'Test', key: 'test', left: true, get: function (r) { return date(r.test_from) + ' → ' + date(r.test_to); } },
      { title: 'Set', key: 'param_set_id', get: function (r) { return r.param_set_id; } },
      { title: 'IS return', key: 'is_return', signed: true, get: function (r) { return r.is_return; } },
      { title: 'OOS return', key: 'oos_return', signed: true, get: function (r) { return r.oos_return; } },
      { title: 'OOS Sharpe', key: 'oos_sharpe', signed: true, get: function (r) { return r.oos_sharpe; } }
    ], wins);
  })();

  // ---------------------------------------------------------------- candidates
  (function candidates() {
    var s = section('candidates', 'Candidates', D.validatedRuns ? 'Validated runs of the event simulator, best Sharpe first.'
      : 'Top parameter sets of the screen; validation has not run.');
    if (!D.candidates.length) { notComputed(s, 'no candidates: neither screening results nor validation runs.'); return; }
    D.candidates.forEach(function (c, ci) { candidate(s, c, ci); });
  })();

  function filterBadges(parent, rows) {
    var b = el('div', { cls: 'badges' });
    if (!rows) { b.appendChild(el('span', { cls: 'badge na', text: 'filters: not computed' })); parent.appendChild(b); return; }
    if (!rows.length) { b.appendChild(el('span', { cls: 'badge na', text: 'filters: none ran for this set' })); parent.appendChild(b); return; }
    rows.forEach(function (f) {
      var t = (f.passed ? '✓ ' : '✗ ') + f.filter + ' ' + fmtNum(f.value) + (f.threshold !== null ? ' vs ' + fmtNum(f.threshold) : '');
      b.appendChild(el('span', { cls: 'badge ' + (f.passed ? 'pass' : 'fail'), text: t, title: f.detail || '' }));
    });
    parent.appendChild(b);
  }

  function candidate(parent, c, ci) {
    var box = el('div', { cls: 'cand', id: 'cand-' + ci });
    parent.appendChild(box);
    box.appendChild(el('h3', { text: (ci + 1) + '. ' + c.title }));
    var src = c.run || c.screen;
    var params = (c.run && c.run.params) || (c.screen && c.screen.params);
    if (params) box.appendChild(el('p', { cls: 'caption', text: paramText(params) }));
    var strip = el('div', { cls: 'strip' });
    [['total_return', 'Return'], ['sharpe', 'Sharpe'], ['sortino', 'Sortino'], ['calmar', 'Calmar'], ['max_drawdown', 'Max DD'],
      ['win_rate', 'Win rate'], ['profit_factor', 'Profit factor'], ['trades', 'Trades']].forEach(function (m) {
      strip.appendChild(el('div', null, el('b', { cls: m[0] === 'total_return' || m[0] === 'sharpe' ? signClass(src[m[0]]) : '', text: fmt(m[0], src[m[0]]) }),
        el('span', { text: m[1] + (c.run ? '' : ' (screen)') })));
    });
    box.appendChild(strip);
    filterBadges(box, c.filters);
    if (c.run && c.run.execution_sensitive === true) {
      box.appendChild(el('div', { cls: 'badges' }, el('span', { cls: 'badge warn', text: 'execution-sensitive: Sharpe or return fell by more than 50 % from screen to validation' })));
    }
    if (!c.run) {
      notComputed(box, 'validation (equity, drawdown, monthly returns, trades, costs) for this parameter set.',
        'Run ' + cmd('vq validate --experiment ' + (E ? E.id : 'ID') + ' --top 5') + '.');
      return;
    }
    var id = 'c' + ci;
    var g = el('div', { cls: 'grid2' });
    box.appendChild(g);
    // reading order: equity | drawdown, monthly returns | trade PnL, costs | screen vs validation
    var cEq = el('div'), cDd = el('div'), cMo = el('div'), cPnl = el('div'), cCost = el('div'), cCmp = el('div');
    [cEq, cDd, cMo, cPnl, cCost, cCmp].forEach(function (d) { g.appendChild(d); });
    if (c.equity && c.equity.length) {
      cEq.appendChild(el('h3', { text: 'Equity (USDT)' }));
      chart(cEq, id + '-equity', {
        grid: { left: 64, right: 16, top: 28, bottom: 56 },
        tooltip: { trigger: 'axis', valueFormatter: function (v) { return fmtNum(v, 2); } },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', scale: true, splitLine: { lineStyle: { color: C.grid } } },
        dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
        series: [{ name: 'equity', type: 'line', showSymbol: false, sampling: 'lttb', lineStyle: { width: 1.5, color: C.accent },
          data: c.equity.map(function (p) { return [p.t, p.equity]; }) }]
      });
      cDd.appendChild(el('h3', { text: 'Drawdown (%)' }));
      chart(cDd, id + '-drawdown', {
        grid: { left: 64, right: 16, top: 28, bottom: 56 },
        tooltip: { trigger: 'axis', valueFormatter: function (v) { return fmtNum(v, 2) + '%'; } },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', max: 0, splitLine: { lineStyle: { color: C.grid } } },
        dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
        series: [{ name: 'drawdown', type: 'line', showSymbol: false, sampling: 'lttb', lineStyle: { width: 1, color: C.neg },
          areaStyle: { color: 'rgba(220,38,38,0.35)' }, data: c.equity.map(function (p) { return [p.t, -100 * toNum(p.drawdown)]; }) }]
      });
      monthly(cMo, id, c.monthly);
    } else {
      notComputed(cEq, 'equity curve: the run stored no equity samples.');
    }
    if (c.pnlHistogram && c.pnlHistogram.counts) {
      cPnl.appendChild(el('h3', { text: 'Trade PnL distribution' }));
      var h = c.pnlHistogram;
      var bars = h.counts.map(function (n, i) {
        var mid = h.lo + (i + 0.5) * h.width;
        return { value: [h.lo + i * h.width, h.lo + (i + 1) * h.width, n], itemStyle: { color: mid >= 0 ? C.pos : C.neg } };
      });
      chart(cPnl, id + '-pnl', {
        grid: { left: 50, right: 16, top: 28, bottom: 44 },
        tooltip: { formatter: function (p) { return fmtNum(p.value[0]) + ' … ' + fmtNum(p.value[1]) + ' USDT: ' + p.value[2] + ' trades'; } },
        xAxis: { type: 'value', name: 'net PnL per trade (USDT)', nameLocation: 'middle', nameGap: 26, scale: true, splitLine: { show: false } },
        yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: C.grid } } },
        series: [{ type: 'custom', name: 'trades', data: bars, encode: { x: [0, 1], y: 2 },
          renderItem: function (params, api) {
            var a = api.coord([api.value(0), api.value(2)]), b = api.coord([api.value(1), 0]);
            return { type: 'rect', shape: { x: a[0], y: a[1], width: Math.max(1, b[0] - a[0] - 1), height: b[1] - a[1] }, style: api.style() };
          } }]
      });
    } else {
      notComputed(cPnl, 'trade PnL distribution: the run has no closed trades.');
    }
    if (c.costs) {
      cCost.appendChild(el('h3', { text: 'Cost breakdown (USDT)' }));
      var g0 = toNum(c.costs.gross_pnl) || 0, fe = toNum(c.costs.fees) || 0, fu = toNum(c.costs.funding) || 0, sl = toNum(c.costs.slippage) || 0;
      var steps = [['gross PnL', g0], ['fees', -fe], ['funding', -fu], ['slippage', -sl]];
      // waterfall: each bar spans [running total before, running total after]; the last is the net
      var wf = [], acc = 0;
      steps.forEach(function (st, i) {
        wf.push({ value: [i, acc, acc + st[1], st[1]], itemStyle: { color: st[1] >= 0 ? C.pos : C.neg } });
        acc += st[1];
      });
      wf.push({ value: [4, 0, acc, acc], itemStyle: { color: C.accent } });
      chart(cCost, id + '-costs', {
        grid: { left: 70, right: 16, top: 28, bottom: 30 },
        tooltip: { trigger: 'item', formatter: function (p) { return esc(['gross PnL', 'fees', 'funding', 'slippage', 'net PnL'][p.value[0]])
          + ': ' + fmtNum(p.value[3], 2) + ' USDT'; } },
        xAxis: { type: 'category', data: ['gross PnL', 'fees', 'funding', 'slippage', 'net PnL'] },
        yAxis: { type: 'value', scale: false, splitLine: { lineStyle: { color: C.grid } } },
        series: [{ type: 'custom', data: wf, encode: { x: 0, y: [1, 2] },
          renderItem: function (params, api) {
            var a = api.coord([api.value(0), api.value(1)]), b = api.coord([api.value(0), api.value(2)]);
            var w = Math.min(46, api.size([1, 0])[0] * 0.6);
            var top = Math.min(a[1], b[1]);
            return { type: 'rect', shape: { x: a[0] - w / 2, y: top, width: w, height: Math.max(1, Math.abs(b[1] - a[1])) },
              style: api.style(), textContent: { style: { text: fmtNum(api.value(3), 0), fill: '#374151', fontSize: 11 } },
              textConfig: { position: 'top' } };
          } }]
      });
      cCost.appendChild(el('p', { cls: 'caption', text: 'Fees ' + fmtNum(fe, 2) + ' · funding ' + fmtNum(fu, 2) + ' (negative = received) · slippage '
        + fmtNum(sl, 2) + ' USDT; net ' + fmtNum(acc, 2) + ' USDT over ' + fmtNum(c.tradeCount, 0) + ' trades.' }));
    }
    // screen vs validate
    cCmp.appendChild(el('h3', { text: 'Screen vs validation' }));
    if (c.comparison && c.comparison.length) {
      var LOWER = { max_drawdown: 1, fees: 1, funding: 1, slippage: 1, liquidations: 1 };
      table(cCmp, [
        { title: 'Metric', key: 'metric', left: true, get: function (r) { return label(r.metric); } },
        { title: 'Screen', key: 'screen', get: function (r) { return r.screen; }, fmt: function (v, r) { return fmt(r.metric, v); } },
        { title: 'Validation', key: 'validate', get: function (r) { return r.validate; }, fmt: function (v, r) { return fmt(r.metric, v); } },
        { title: 'Change', key: 'change', get: function (r) { var v = toNum(r.change); return LOWER[r.metric] ? -v : v; },
          fmt: function (v, r) { return fmtPct(r.change); } , signed: true }
      ], c.comparison);
    } else {
      notComputed(cCmp, 'no screening row for this run\'s parameter set, so there is nothing to compare with.');
    }
    if (c.trades && c.trades.length) {
      var det = el('details', null, el('summary', { text: 'Trades (' + (c.tradeCount > c.trades.length ? 'first ' + c.trades.length + ' of ' : '')
        + fmtNum(c.tradeCount, 0) + ')' }));
      box.appendChild(det);
      table(det, [
        { title: '#', key: 'trade_no', get: function (r) { return r.trade_no; } },
        { title: 'Symbol', key: 'symbol', left: true, get: function (r) { return r.symbol; } },
        { title: 'Side', key: 'side', left: true, get: function (r) { return r.side; } },
        { title: 'Entry (UTC)', key: 'entry', left: true, get: function (r) { return r.entry; }, fmt: dateTime },
        { title: 'Exit (UTC)', key: 'exit', left: true, get: function (r) { return r.exit; }, fmt: dateTime },
        { title: 'Entry px', key: 'entry_price', get: function (r) { return r.entry_price; } },
        { title: 'Exit px', key: 'exit_price', get: function (r) { return r.exit_price; } },
        { title: 'Qty', key: 'qty', get: function (r) { return r.qty; }, fmt: function (v) { return fmtNum(v, 4); } },
        { title: 'Gross', key: 'gross_pnl', signed: true, get: function (r) { return r.gross_pnl; } },
        { title: 'Fees', key: 'fees', get: function (r) { return r.fees; } },
        { title: 'Funding', key: 'funding', get: function (r) { return r.funding; } },
        { title: 'Slippage', key: 'slippage', get: function (r) { return r.slippage; } },
        { title: 'Net', key: 'net_pnl', signed: true, get: function (r) { return r.net_pnl; } },
        { title: 'R', key: 'r_multiple', get: function (r) { return r.r_multiple; } },
        { title: 'Exit reason', key: 'exit_reason', left: true, get: function (r) { return r.exit_reason || 'open'; } }
      ], c.trades);
    }
  }

  function monthly(parent, id, rows) {
    parent.appendChild(el('h3', { text: 'Monthly returns' }));
    if (!rows || !rows.length) { notComputed(parent, 'monthly returns.'); return; }
    var years = [];
    rows.forEach(function (r) { if (years.indexOf(r.year) < 0) years.push(r.year); });
    years.sort();
    var data = rows.map(function (r) { return [r.month - 1, years.indexOf(r.year), toNum(r.ret) * 100]; });
    var m = Math.max.apply(null, data.map(function (d) { return Math.abs(d[2]) || 0; }).concat([0.5]));
    chart(parent, id + '-monthly', {
      grid: { left: 56, right: 16, top: 28, bottom: 64 },
      tooltip: { formatter: function (p) { return MONTHS[p.value[0]] + ' ' + years[p.value[1]] + ': ' + fmtNum(p.value[2], 2) + '%'; } },
      xAxis: { type: 'category', data: MONTHS, splitArea: { show: false } },
      yAxis: { type: 'category', data: years.map(String) },
      visualMap: { type: 'continuous', min: -m, max: m, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, calculable: false,
        text: ['+' + fmtNum(m, 1) + '%', '−' + fmtNum(m, 1) + '%'], inRange: { color: ['#b91c1c', '#fca5a5', '#f3f4f6', '#86efac', '#15803d'] } },
      series: [{ type: 'heatmap', data: data, label: { show: true, fontSize: 10, formatter: function (p) { return fmtNum(p.value[2], 1); } } }]
    }, years.length <= 2 ? 'short' : '');
  }

  document.getElementById('footer').textContent = 'Generated ' + D.generatedAt + ' by vq from the workspace results database (schema v'
    + D.schemaVersion + '). Charts: Apache ECharts ' + echarts.version + ', embedded; this file works offline.';

  /** For tests and --png: which charts exist and whether each drew something. */
  function status() {
    return Object.keys(charts).map(function (k) {
      var inst = charts[k];
      var opt = inst.getOption();
      var canvas = inst.getDom().querySelector('canvas');
      var inked = 0;
      if (canvas) {
        var ctx = canvas.getContext('2d');
        var img = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        for (var i = 0; i < img.length; i += 16) if (img[i + 3] > 0 && (img[i] < 235 || img[i + 1] < 235 || img[i + 2] < 235)) inked++;
      }
      var points = (opt.series || []).reduce(function (n, s) { return n + (s.data ? s.data.length : 0); }, 0);
      return { id: k, series: (opt.series || []).length, points: points, width: canvas ? canvas.width : 0, inked: inked };
    });
  }
  function pngs() {
    var out = {};
    Object.keys(charts).forEach(function (k) { out[k] = charts[k].getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }); });
    return out;
  }
  window.vqReport = { charts: charts, data: D, status: status, pngs: pngs, ready: true };
})();
