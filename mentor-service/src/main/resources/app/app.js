// The mentee page's charts, drawn with uPlot from the page's own data (no request of their own).
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || !window.uPlot) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var box = document.getElementById("charts");
  function width() {
    return Math.max(280, Math.min(box.clientWidth - 32, 860));
  }
  var percent = { y: { range: [0, 100] } };
  var adherence = new uPlot({
    width: width(), height: 220, scales: percent,
    series: [{}, { label: "day", stroke: "#90a4ae", width: 1, spanGaps: false, points: { show: true, size: 4 } },
      { label: "7 days", stroke: "#1565c0", width: 2, spanGaps: true }],
    axes: [{}, { values: function (u, v) { return v.map(function (x) { return x + " %"; }); } }]
  }, [data[0], data[1], data[2]], document.getElementById("adherence-chart"));
  var strength = new uPlot({
    width: width(), height: 180, scales: percent,
    series: [{}, { label: "strength", stroke: "#2e7d32", width: 2, fill: "rgba(46,125,50,0.08)" }],
    axes: [{}, { values: function (u, v) { return v.map(function (x) { return x + " %"; }); } }]
  }, [data[0], data[3]], document.getElementById("strength-chart"));
  window.addEventListener("resize", function () {
    adherence.setSize({ width: width(), height: 220 });
    strength.setSize({ width: width(), height: 180 });
  });
})();
