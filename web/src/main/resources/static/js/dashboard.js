/*
 * The dashboard's charts, drawn by Chart.js (the WebJar the application serves) from the numbers the page carries
 * in each canvas's data-chart attribute: the same numbers as the table beside it. A click on a coach's bar, or on a
 * day of the trend, opens the list behind it (the table's links do the same without JavaScript).
 */
(function () {
  'use strict';
  var ACTIVE = '#1f5fa8';
  var OVER = '#b3261e';
  var CAPACITY = '#8a949e';

  function caseload(canvas, data) {
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: [
          // scripted per bar: the legend (no bar) shows the usual colour, an over-capacity bar is red
          {label: data.activeLabel, data: data.active,
            backgroundColor: function (context) { return data.over[context.dataIndex] ? OVER : ACTIVE; }},
          {label: data.capacityLabel, data: data.capacity, backgroundColor: CAPACITY}
        ]
      },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        animation: false,
        scales: {x: {beginAtZero: true, ticks: {precision: 0}}},
        plugins: {legend: {labels: {generateLabels: function (chart) {
          var labels = Chart.defaults.plugins.legend.labels.generateLabels(chart);
          labels[0].fillStyle = ACTIVE;
          labels[0].strokeStyle = ACTIVE;
          return labels;
        }}}},
        onClick: openList(data),
        onHover: pointer
      }
    });
  }

  /** Opens the list behind the bar or point clicked. */
  function openList(data) {
    return function (event, elements) {
      if (elements.length) {
        window.location.href = data.links[elements[0].index];
      }
    };
  }

  function pointer(event, elements) {
    event.native.target.style.cursor = elements.length ? 'pointer' : 'default';
  }

  function trend(canvas, data) {
    return new Chart(canvas, {
      type: 'line',
      data: {
        labels: data.labels,
        datasets: [
          {label: data.activeLabel, data: data.active, borderColor: ACTIVE, backgroundColor: ACTIVE},
          {label: data.capacityLabel, data: data.capacity, borderColor: CAPACITY, backgroundColor: CAPACITY,
            borderDash: [6, 4]}
        ]
      },
      options: {maintainAspectRatio: false, animation: false, scales: {y: {beginAtZero: true}},
        onClick: openList(data), onHover: pointer}
    });
  }

  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    if (typeof Chart === 'undefined') {
      return; // no charts: the tables carry the same numbers
    }
    var data = JSON.parse(canvas.getAttribute('data-chart'));
    (canvas.getAttribute('data-kind') === 'caseload' ? caseload : trend)(canvas, data);
  });
})();
