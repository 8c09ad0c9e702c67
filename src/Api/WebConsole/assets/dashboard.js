// The IOC dashboard: draws the trend and the hand-off Sankey with ECharts from the figures' data attributes, and
// re-reads the figures (an htmx swap of #figures) when the server pushes a "figures" event: no polling.
(function () {
  "use strict";
  var charts = [];

  function draw() {
    charts.forEach(function (chart) { chart.dispose(); });
    charts = [];
    var trendEl = document.getElementById("trend-chart");
    if (trendEl && window.echarts) {
      var t = JSON.parse(trendEl.getAttribute("data-chart"));
      var trend = window.echarts.init(trendEl);
      trend.setOption({
        animation: false,
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 40, right: 48, top: 32, bottom: 24 },
        xAxis: { type: "category", data: t.days },
        yAxis: [{ type: "value", minInterval: 1 }, { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } }],
        series: [
          { name: "Tiếp nhận", type: "bar", data: t.received, itemStyle: { color: "#0b57a4" } },
          { name: "Đã giải quyết", type: "bar", data: t.resolved, itemStyle: { color: "#1e7b34" } },
          { name: "Trễ hạn", type: "bar", data: t.late, itemStyle: { color: "#a4161a" } },
          { name: "Đúng hạn (%)", type: "line", yAxisIndex: 1, data: t.onTimeRate, connectNulls: true, itemStyle: { color: "#8a5a00" } }
        ]
      });
      charts.push(trend);
    }
    var sankeyEl = document.getElementById("sankey-chart");
    if (sankeyEl && window.echarts) {
      var s = JSON.parse(sankeyEl.getAttribute("data-chart"));
      if (s.links.length > 0) {
        var sankey = window.echarts.init(sankeyEl);
        sankey.setOption({
          animation: false,
          tooltip: { trigger: "item" },
          series: [{ type: "sankey", data: s.nodes, links: s.links, emphasis: { focus: "adjacency" }, lineStyle: { color: "gradient", curveness: 0.5 }, label: { fontSize: 12 } }]
        });
        charts.push(sankey);
      } else {
        sankeyEl.style.display = "none";
      }
    }
  }

  function live(state, text) {
    var badge = document.getElementById("live");
    if (!badge) return;
    badge.setAttribute("data-state", state);
    badge.textContent = text;
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.getElementById("figures")) return;
    draw();
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    // One re-read at a time; a push that arrives meanwhile asks for one more after it (the figures may have moved again).
    var pending = false, again = false;
    function refresh(push) {
      if (pending) { again = true; return; }
      pending = true;
      window.htmx.ajax("GET", "/console/dashboard?handler=figures", { target: "#figures", swap: "outerHTML" })
        .then(function () { draw(); document.getElementById("figures").setAttribute("data-push", push); })
        .finally(function () { pending = false; if (again) { again = false; refresh(push); } });
    }
    var source = new EventSource("/console/dashboard?handler=events");
    source.addEventListener("hello", function () { live("live", "Trực tiếp"); });
    source.addEventListener("figures", function (event) { live("live", "Trực tiếp"); refresh(event.data); });
    source.onerror = function () { live("offline", "Mất kết nối, đang thử lại…"); };
  });
})();
