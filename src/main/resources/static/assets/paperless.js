// The dashboard's chart: each figure beside its target, drawn by Chart.js (served by the application). The table
// under it holds the same numbers, so the page says everything without JavaScript.
(function () {
  document.addEventListener('DOMContentLoaded', function () {
    var canvas = document.getElementById('paperless-chart');
    if (!canvas || typeof Chart === 'undefined') {
      return;
    }
    var data = JSON.parse(canvas.dataset.chart || '{"labels":[]}');
    if (!data.labels.length) {
      return;
    }
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: [
          {label: 'Kết quả (%)', data: data.values, backgroundColor: '#0b4f8a'},
          {label: 'Chỉ tiêu (%)', data: data.targets, backgroundColor: '#f0a500'}
        ]
      },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        animation: false,
        scales: {x: {min: 0, max: 100}},
        plugins: {legend: {position: 'bottom'}}
      }
    });
    canvas.dataset.drawn = 'true';
  });
})();
