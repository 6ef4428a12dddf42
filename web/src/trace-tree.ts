import type { EventRow } from './types.js';

export interface TraceNode {
  event: EventRow;
  children: TraceNode[];
  depth: number;
}

/** Parent links by span id; events whose parent is missing become roots, in time order. */
export function buildTree(events: EventRow[]): TraceNode[] {
  const sorted = [...events].sort((a, b) => a.ts.localeCompare(b.ts));
  const nodes = new Map<string, TraceNode>();
  for (const e of sorted) if (e.span_id) nodes.set(e.span_id, { event: e, children: [], depth: 0 });
  const roots: TraceNode[] = [];
  for (const e of sorted) {
    const node = (e.span_id && nodes.get(e.span_id)) || { event: e, children: [], depth: 0 };
    const parent = e.parent_span_id ? nodes.get(e.parent_span_id) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const setDepth = (n: TraceNode, d: number) => {
    n.depth = d;
    n.children.forEach((c) => setDepth(c, d + 1));
  };
  roots.forEach((r) => setDepth(r, 0));
  return roots;
}

export function flatten(roots: TraceNode[]): TraceNode[] {
  const out: TraceNode[] = [];
  const walk = (n: TraceNode) => {
    out.push(n);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

export function label(e: EventRow): string {
  switch (e.kind) {
    case 'llm.call':
      return `${e.llm?.operation ?? 'call'} ${e.model ?? ''}`;
    case 'tool.call':
      return `tool ${e.tool?.name ?? ''}`;
    case 'egress':
      return `egress ${e.egress?.destination ?? ''}`;
    case 'retrieval':
      return `retrieval ${e.retrieval?.source ?? ''}`;
    case 'guardrail':
      return `guardrail ${e.guardrail?.action ?? ''}`;
    default:
      return e.kind;
  }
}
