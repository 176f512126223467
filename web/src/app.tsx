// The page: the expression field and its live reading, a view chooser, and
// the views. The state lives in the URL hash (state.ts).

import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { caretParts, readInput, type Read } from './compute.ts';
import { EXAMPLES } from './examples.ts';
import { decodeState, encodeState, type State, type View, VIEWS } from './state.ts';
import { Tex } from './ui.tsx';
import { CompareView } from './views/compare.tsx';
import { DeriveView } from './views/derive.tsx';
import { GraphView } from './views/graph.tsx';
import { PlotsView } from './views/plots.tsx';
import { TrainView } from './views/train.tsx';

const VIEW_NAMES: Record<View, string> = { derive: 'Derivative', compare: 'Four-way check', graph: 'Graph & trace', plot: 'Plots', train: 'Train' };

export type SetState = (patch: Partial<State>) => void;
export interface ViewProps {
  readonly state: State;
  readonly set: SetState;
  readonly read: Extract<Read, { ok: true }>;
}

export function App() {
  const [state, setFull] = useState<State>(() => decodeState(location.hash));
  const set = useCallback<SetState>((patch) => setFull((s) => ({ ...s, ...patch })), []);
  useEffect(() => {
    const hash = encodeState(state);
    if (location.hash.replace(/^#/, '') !== hash) history.replaceState(null, '', hash === '' ? location.pathname + location.search : `#${hash}`);
  }, [state]);
  useEffect(() => {
    const onHash = (): void => setFull(decodeState(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const read = useMemo(() => readInput(state.expr, state.vars), [state.expr, state.vars]);
  // the first render with its results is on screen and the field takes input (measured by web/e2e/measure.ts)
  useEffect(() => void requestAnimationFrame(() => performance.mark('difflab:interactive')), []);
  const needsExpr = state.view !== 'train';
  return (
    <>
      <header>
        <h1>
          difflab <span class="muted">workbench</span>
        </h1>
        <nav
          aria-label="views"
          class="tabs"
          role="tablist"
          onKeyDown={(e) => {
            // arrow keys move between the tabs, as in the ARIA tabs pattern
            const k = VIEWS.indexOf(state.view);
            const next = e.key === 'ArrowRight' ? (k + 1) % VIEWS.length : e.key === 'ArrowLeft' ? (k - 1 + VIEWS.length) % VIEWS.length : -1;
            if (next < 0) return;
            e.preventDefault();
            set({ view: VIEWS[next]! });
            document.getElementById(`tab-${VIEWS[next]!}`)?.focus();
          }}
        >
          {VIEWS.map((v) => (
            <button key={v} type="button" role="tab" id={`tab-${v}`} aria-selected={state.view === v} tabIndex={state.view === v ? 0 : -1} aria-controls="view" class={state.view === v ? 'tab active' : 'tab'} onClick={() => set({ view: v })}>
              {VIEW_NAMES[v]}
            </button>
          ))}
        </nav>
      </header>
      <main>
        {needsExpr && <ExprInput state={state} set={set} read={read} />}
        <section id="view" role="tabpanel" aria-labelledby={`tab-${state.view}`}>
          {!needsExpr ? <TrainView state={state} set={set} /> : read.ok ? <CurrentView state={state} set={set} read={read} /> : null}
        </section>
      </main>
      <footer class="muted">
        Every result on this page is computed in your browser by the difflab library: parsing, derivatives, steps, the four-way check, traces, graphs and training. Nothing is sent anywhere.
      </footer>
    </>
  );
}

function CurrentView(p: ViewProps) {
  switch (p.state.view) {
    case 'derive':
      return <DeriveView {...p} />;
    case 'compare':
      return <CompareView {...p} />;
    case 'graph':
      return <GraphView {...p} />;
    case 'plot':
      return <PlotsView {...p} />;
    default:
      return null;
  }
}

function ExprInput({ state, set, read }: { state: State; set: SetState; read: Read }) {
  return (
    <section class="input" aria-label="expression">
      <div class="row">
        <label for="expr" class="grow">
          <span class="label">f =</span>
          <input
            id="expr"
            type="text"
            value={state.expr}
            spellcheck={false}
            autocomplete="off"
            aria-describedby="reading"
            aria-invalid={!read.ok}
            onInput={(e) => set({ expr: (e.target as HTMLInputElement).value })}
          />
        </label>
        <label for="vars" class="vars">
          <span class="label">names</span>
          <input
            id="vars"
            type="text"
            placeholder="rate, theta"
            title="multi-letter variable names, read whole"
            value={state.vars.join(', ')}
            onChange={(e) =>
              set({
                vars: (e.target as HTMLInputElement).value
                  .split(/[\s,]+/)
                  .filter((v) => v !== ''),
              })
            }
          />
        </label>
      </div>
      <div id="reading" aria-live="polite">
        {read.ok ? (
          <div class="preview">
            <Tex src={read.latex} block label={read.unicode} />
            <div class="readas">
              read as <code id="read-as">{read.ascii}</code>
            </div>
          </div>
        ) : (
          <div class="error" role="alert" id="parse-error">
            {read.pos !== undefined ? (
              <pre class="caret" aria-label={`error at position ${read.pos}`}>
                {caretParts(state.expr, read.pos).before}
                <mark>{caretParts(state.expr, read.pos).at}</mark>
                {caretParts(state.expr, read.pos).after}
                {'\n'}
                {' '.repeat([...state.expr.slice(0, read.pos)].length)}^
              </pre>
            ) : null}
            <span class="message">{read.message}</span>
          </div>
        )}
      </div>
      <div class="examples" role="group" aria-label="examples from the lecture notes">
        {EXAMPLES.map((ex) => (
          <button key={ex.text} type="button" class="example" title={ex.note} onClick={() => set({ expr: ex.text, at: { ...ex.at }, wrt: '', vars: [] })}>
            {ex.text}
          </button>
        ))}
      </div>
    </section>
  );
}
