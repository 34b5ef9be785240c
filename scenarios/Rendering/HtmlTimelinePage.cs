namespace SimLoop.Scenarios.Rendering;

/// <summary>The HTML page around the timeline's SVG: title, outcome, minimised label, zoom controls, legend, styles and the zoom script.</summary>
internal static class HtmlTimelinePage
{
    public static string Page(TraceTimeline timeline, string svg)
    {
        string outcome = timeline.Failure is { } f ? "Failed: " + HtmlTimelineWriter.Escape(f) : "Passed";
        string minimised = timeline.Minimised
            ? "<p class=\"minimised\">Minimised run: this is the shortest schedule found that still fails (replayed from the trace file explore wrote), not the original run.</p>"
            : "";
        string counts = HtmlTimelineWriter.Invariant($"{timeline.Hosts.Count} hosts, {timeline.Lanes.Count} lanes, {timeline.Steps.Count} steps ({timeline.Steps.Count(s => s.NonFifo is not null)} picked out of FIFO order), {timeline.Messages.Count} messages, {timeline.Faults.Count} faults, {TraceTimeline.Milliseconds(timeline.EndTicks)} of virtual time.");
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{HtmlTimelineWriter.Escape(timeline.Title)}}</title>
            <style>
            {{Styles}}
            </style></head>
            <body>
            <h1>{{HtmlTimelineWriter.Escape(timeline.Title)}}</h1>
            <p class="outcome">{{outcome}}</p>
            {{minimised}}
            <p>{{counts}} The time axis is linear in virtual time; hover over anything for details.</p>
            <div class="controls">zoom <button id="zoom-out" type="button">−</button> <button id="zoom-in" type="button">+</button> <button id="zoom-fit" type="button">fit</button> <span id="zoom-scale"></span></div>
            {{Legend}}
            <div class="scroll">{{svg}}</div>
            <script>
            {{Script}}
            </script>
            </body></html>
            """;
    }

    private const string Styles = """
        body { font-family: system-ui, sans-serif; margin: 16px; }
        .scroll { overflow-x: auto; border: 1px solid #ddd; }
        svg text { font-size: 11px; fill: #111; }
        .group-header { fill: #e0e7ff; } .scenario-group .group-header { fill: #f1f5f9; }
        .group-title { font-weight: bold; font-size: 12px; }
        .group-frame { fill: none; stroke: #6366f1; stroke-width: 1; } .scenario-group .group-frame { stroke: #94a3b8; stroke-dasharray: 4 2; }
        .lane-bg { fill: #fafafa; stroke: #eee; }
        .lane:nth-of-type(even) .lane-bg { fill: #f3f4f6; }
        .storage { fill: #7c3aed; } .storage-fault { fill: #dc2626; }
        .step-site { font-size: 9px; fill: #166534; }
        .step { fill: #16a34a; } .step.non-fifo { fill: #ea580c; } .non-fifo-mark { fill: #ea580c; }
        .arrow { stroke: #2563eb; stroke-width: 1.2; } .arrow.dropped { stroke: #9ca3af; stroke-dasharray: 4 3; }
        .message-text { fill: #1e3a8a; font-family: ui-monospace, monospace; font-size: 10px; }
        .fault { opacity: 0.25; }
        .fault-crash { fill: #dc2626; } .fault-partition { fill: #f59e0b; } .fault-clog { fill: #7c3aed; } .fault-hold { fill: #0ea5e9; }
        .host-crash line { stroke: #dc2626; stroke-width: 2; } .host-crash text { fill: #dc2626; font-weight: bold; }
        .host-restart line { stroke: #16a34a; stroke-width: 2; } .host-restart text { fill: #16a34a; font-weight: bold; }
        .tick line { stroke: #e5e7eb; } .tick text { fill: #6b7280; font-size: 10px; }
        .failure { stroke: #dc2626; stroke-width: 3; } .failure-label { fill: #dc2626; font-weight: bold; }
        .minimised { background: #fef3c7; border: 1px solid #f59e0b; padding: 4px 8px; display: inline-block; }
        .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; font-size: 12px; }
        .legend svg { vertical-align: middle; margin-right: 4px; }
        """;

    private const string Legend = """
        <ul class="legend">
        <li><svg width="14" height="14"><rect class="swatch step" x="4" y="0" width="6" height="14"/></svg>a task runs a step, labelled with the await it resumes after (method:line; its method's first statement for a task's first step; hover for all)</li>
        <li><svg width="14" height="14"><rect class="swatch step non-fifo" x="4" y="0" width="6" height="14"/></svg>a step the scheduler picked out of FIFO order (▼ above it)</li>
        <li><svg width="30" height="14"><line class="swatch arrow" x1="0" y1="7" x2="28" y2="7"/></svg>a message, from the sending task to the receiving task, with its first bytes</li>
        <li><svg width="30" height="14"><line class="swatch arrow dropped" x1="0" y1="7" x2="28" y2="7"/></svg>a lost message</li>
        <li><svg width="14" height="14"><rect class="swatch fault fault-crash" width="14" height="14"/></svg>host down</li>
        <li><svg width="14" height="14"><rect class="swatch fault fault-partition" width="14" height="14"/></svg>partition</li>
        <li><svg width="14" height="14"><rect class="swatch fault fault-clog" width="14" height="14"/></svg>clogged</li>
        <li><svg width="14" height="14"><rect class="swatch fault fault-hold" width="14" height="14"/></svg>messages held</li>
        <li><svg width="50" height="14" class="host-crash"><text x="0" y="11">✕ crash</text></svg>/ <svg width="56" height="14" class="host-restart"><text x="0" y="11">↻ restart</text></svg>a host crashes or restarts</li>
        <li><svg width="14" height="14"><rect class="swatch storage" x="3" y="3" width="8" height="8"/></svg>a disk operation (<svg width="14" height="14"><rect class="swatch storage storage-fault" x="3" y="3" width="8" height="8"/></svg>disk fault or crash)</li>
        <li><svg width="10" height="14"><line class="swatch failure" x1="5" y1="0" x2="5" y2="14"/></svg>the failure</li>
        </ul>
        """;

    // Every positioned element carries its virtual time: x = origin + t * scale, recomputed on zoom; the axis is drawn here.
    private const string Script = """
        (function () {
          const svg = document.getElementById('timeline');
          const ns = 'http://www.w3.org/2000/svg';
          const origin = +svg.dataset.origin, end = +svg.dataset.end, fit = +svg.dataset.scale;
          let scale = fit;
          const X = t => origin + t * scale;
          function place() {
            const width = Math.ceil(X(end)) + (+svg.dataset.margin);
            svg.setAttribute('width', width);
            svg.querySelectorAll('.lane-bg, .group-header, .group-frame').forEach(r => r.setAttribute('width', width));
            svg.querySelectorAll('[data-t]').forEach(el => {
              const x = X(+el.dataset.t) + (+(el.dataset.dx || 0));
              if (el.tagName === 'line') { el.setAttribute('x1', x); el.setAttribute('x2', x); }
              else if (el.tagName === 'path') { el.setAttribute('transform', 'translate(' + x + ',' + el.dataset.y + ')'); }
              else { el.setAttribute('x', x); }
              if (el.dataset.tEnd) { el.setAttribute('width', Math.max(3, (+el.dataset.tEnd - +el.dataset.t) * scale)); }
              if (el.dataset.rotate) {
                const cy = +el.getAttribute('y') + (+el.getAttribute('height')) / 2;
                el.setAttribute('transform', 'rotate(' + el.dataset.rotate + ' ' + (x - +(el.dataset.dx || 0)) + ' ' + cy + ')');
              }
            });
            svg.querySelectorAll('.step-site').forEach(el => {
              el.setAttribute('display', (+el.dataset.room) * scale + (+el.dataset.margin) >= +el.dataset.w ? 'inline' : 'none');
            });
            svg.querySelectorAll('[data-t1]').forEach(el => { el.setAttribute('x1', X(+el.dataset.t1)); el.setAttribute('x2', X(+el.dataset.t2)); });
            axis(+svg.getAttribute('height'));
            document.getElementById('zoom-scale').textContent = (scale * 10000).toPrecision(3) + ' px per ms';
          }
          function axis(height) {
            const g = document.getElementById('axis');
            while (g.firstChild) { g.removeChild(g.firstChild); }
            let step = 1e-4;
            for (let k = 0; step * 10000 * scale < 90; k++) { step *= [2, 2.5, 2][k % 3]; }
            for (let ms = 0; ms * 10000 <= end + 1e-9; ms += step) {
              const tick = document.createElementNS(ns, 'g'); tick.setAttribute('class', 'tick');
              const t = Math.round(ms * 10000), x = X(t);
              const line = document.createElementNS(ns, 'line');
              line.setAttribute('x1', x); line.setAttribute('x2', x); line.setAttribute('y1', 32); line.setAttribute('y2', height - 10);
              const text = document.createElementNS(ns, 'text');
              text.setAttribute('x', x + 2); text.setAttribute('y', 28); text.textContent = +ms.toPrecision(6) + ' ms';
              tick.appendChild(line); tick.appendChild(text); g.appendChild(tick);
            }
          }
          document.getElementById('zoom-in').onclick = () => { scale *= 2; place(); };
          document.getElementById('zoom-out').onclick = () => { scale /= 2; place(); };
          document.getElementById('zoom-fit').onclick = () => { scale = fit; place(); };
          place();
        })();
        """;
}
