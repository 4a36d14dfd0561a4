// Draws the admin home's charts from the data the page carries; nothing is fetched.
(function () {
  'use strict';
  var holder = document.getElementById('dashboard-data');
  if (!holder || !window.echarts) { return; }
  var data = JSON.parse(holder.getAttribute('data-charts'));
  var t = JSON.parse(holder.getAttribute('data-labels'));
  var drawn = [];

  // option: an option, or a function of the element giving one (redrawn when the size changes).
  function chart(id, option, renderer) {
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
    var build = typeof option === 'function' ? option : function () { return option; };
    var c = window.echarts.init(el, null, { renderer: renderer || 'canvas' });
    function draw() {
      var o = build(el);
      o.animation = false;
      c.setOption(o, true);
    }
    draw();
    el.setAttribute('data-drawn', 'true');
    drawn.push({ chart: c, draw: draw });
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

  // On a narrow screen names around the ring would be cut off: the ring shows the counts and
  // a legend below it the names (drawn as SVG, so every label is text on the page).
  function pieOption(rows) {
    return function (el) {
      if (el.clientWidth >= 480) {
        return {
          tooltip: { trigger: 'item' },
          series: [{ type: 'pie', radius: ['35%', '65%'], data: rows, label: { formatter: '{b} {c}' } }]
        };
      }
      return {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0, left: 'center', itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
        series: [{
          type: 'pie', radius: ['30%', '58%'], center: ['50%', '38%'], data: rows,
          label: { position: 'inside', formatter: '{c}', color: '#fff' }
        }]
      };
    };
  }
  function pie(id, rows) {
    chart(id, rows.length ? pieOption(rows) : null, 'svg');
  }
  pie('chart-category', data.breakdown.category);
  pie('chart-channel', data.breakdown.channel);

  window.addEventListener('resize', function () {
    drawn.forEach(function (d) { d.chart.resize(); d.draw(); });
  });
})();
