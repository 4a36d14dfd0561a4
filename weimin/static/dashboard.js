// Draws the admin home's charts from the data the page carries; nothing is fetched.
(function () {
  'use strict';
  var holder = document.getElementById('dashboard-data');
  if (!holder || !window.echarts) { return; }
  var data = JSON.parse(holder.getAttribute('data-charts'));
  var t = JSON.parse(holder.getAttribute('data-labels'));
  var drawn = [];

  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    if (option === null) {
      // Nothing to draw: say so instead of showing bare axes.
      var note = document.createElement('div');
      note.className = 'chart-empty';
      note.textContent = t.empty;
      el.appendChild(note);
      el.setAttribute('data-empty', 'true');
      return;
    }
    var c = window.echarts.init(el, null, { renderer: 'canvas' });
    option.animation = false;
    c.setOption(option);
    el.setAttribute('data-drawn', 'true');
    drawn.push(c);
  }

  // A trend with no month computed, or a distribution with nothing counted, is empty.
  function blank(values, none) {
    return values.every(function (v) { return v === none; });
  }

  var tr = data.trends;
  chart('chart-trends', blank(tr.clearance.concat(tr.satisfaction), null) ? null : {
    tooltip: { trigger: 'axis', valueFormatter: function (v) { return v === null ? '—' : v + '%'; } },
    legend: { top: 0, data: [t.clearance, t.satisfaction] },
    grid: { left: 40, right: 16, bottom: 30, top: 36 },
    xAxis: { type: 'category', data: tr.months },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: t.clearance, type: 'line', data: tr.clearance, connectNulls: false },
      { name: t.satisfaction, type: 'line', data: tr.satisfaction, connectNulls: false }
    ]
  });

  var stars = data.ratings.stars;
  chart('chart-ratings', blank(stars, 0) ? null : {
    tooltip: {},
    grid: { left: 40, right: 16, bottom: 30, top: 16 },
    xAxis: { type: 'category', data: [t.unrated, '1★', '2★', '3★', '4★', '5★'] },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t.count, type: 'bar', data: stars }]
  });

  function pie(id, rows) {
    chart(id, rows.length ? {
      tooltip: { trigger: 'item' },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: rows, label: { formatter: '{b} {c}' } }]
    } : null);
  }
  pie('chart-category', data.breakdown.category);
  pie('chart-channel', data.breakdown.channel);

  window.addEventListener('resize', function () { drawn.forEach(function (c) { c.resize(); }); });
})();
