//! A small layered (Sugiyama-style) graph layout for the scenario map: boxes in rows,
//! arrows between rows, every arrow's label given its own slot so nothing overlaps.
//!
//! Why not layout-rs, which the project first meant to use: version 0.1.3 asserts inside
//! its placer (`edge_fixer.rs`, "loc.x >= leftmost") on ordinary valid scenarios, which
//! a property test found within a few dozen random graphs. In the browser build panics
//! abort, so a map of an educator's own file could take the whole app down, and
//! `catch_unwind` is no help there. This module is a few hundred lines we control, and
//! it has no assertion that input can trip.
//!
//! The steps are the textbook ones, each kept simple:
//! 1. break cycles by reversing the edges a depth-first search finds going back;
//! 2. rank by longest path from the sources, with pinned nodes (endings) on the last row;
//! 3. split every edge into a chain: a label slot in the row just below its upper end,
//!    then one thin "lane" per row it crosses, so edges never pass through boxes;
//! 4. order each row by barycentres, sweeping down and up, keeping the order with the
//!    fewest crossings;
//! 5. place each row as close to its neighbours' barycentres as the spacing allows, which
//!    is an isotonic regression solved exactly by pool-adjacent-violators.
//!
//! Pure: sizes in, rectangles and paths out.

use std::collections::VecDeque;

/// Horizontal space between neighbouring items in a row.
pub const GAP_X: f64 = 16.0;
/// Vertical space between rows, where the curves run.
pub const GAP_Y: f64 = 26.0;
/// The width reserved for an edge crossing a row.
const LANE_W: f64 = 8.0;
/// Down-and-up sweeps of the ordering and placement steps.
const SWEEPS: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub w: f64,
    pub h: f64,
}

/// A rectangle by its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeIn {
    pub from: usize,
    pub to: usize,
    pub label: Size,
}

/// How a piece of an edge's path is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    /// A curve that leaves and arrives vertically (between rows).
    Curve,
    /// A straight line (along a lane within a row).
    Line,
}

/// One edge's path in drawing order, from its source to its target: `points[0]`, then
/// each later point reached by the segment of the same index in `segs`.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgePath {
    pub points: Vec<(f64, f64)>,
    pub segs: Vec<Seg>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub nodes: Vec<Rect>,
    pub labels: Vec<Rect>,
    pub edges: Vec<EdgePath>,
    pub width: f64,
    pub height: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Node(usize),
    Label(usize),
    Lane,
}

#[derive(Debug, Clone)]
struct Item {
    kind: Kind,
    row: usize,
    size: Size,
    up: Vec<usize>,
    down: Vec<usize>,
    /// Centre x, once placed.
    x: f64,
}

/// Lays out `nodes` (by size) and `edges`. `roots` are searched first for cycles, so
/// edges back to them are the ones drawn upwards; `pinned` nodes go on the last row.
pub fn layout(nodes: &[Size], edges: &[EdgeIn], roots: &[usize], pinned: &[bool]) -> Layout {
    let n = nodes.len();
    let edges: Vec<EdgeIn> = edges
        .iter()
        .copied()
        .filter(|e| e.from < n && e.to < n)
        .collect();
    let reversed = back_edges(n, &edges, roots);
    let rank = ranks(n, &edges, &reversed, pinned);

    // Items: nodes first (item i is node i), then the labels and lanes of each chain.
    let mut items: Vec<Item> = nodes
        .iter()
        .enumerate()
        .map(|(i, s)| Item {
            kind: Kind::Node(i),
            row: 2 * rank[i],
            size: *s,
            up: Vec::new(),
            down: Vec::new(),
            x: 0.0,
        })
        .collect();
    // Each edge's chain of items from its upper end to its lower end.
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(edges.len());
    for (ei, e) in edges.iter().enumerate() {
        let (top, bottom) = if e.from == e.to || !reversed[ei] {
            (e.from, e.to)
        } else {
            (e.to, e.from)
        };
        let mut chain = vec![top];
        let label = items.len();
        items.push(Item {
            kind: Kind::Label(ei),
            row: items[top].row + 1,
            size: e.label,
            up: Vec::new(),
            down: Vec::new(),
            x: 0.0,
        });
        chain.push(label);
        if top != bottom {
            for row in items[top].row + 2..items[bottom].row {
                items.push(Item {
                    kind: Kind::Lane,
                    row,
                    size: Size { w: LANE_W, h: 0.0 },
                    up: Vec::new(),
                    down: Vec::new(),
                    x: 0.0,
                });
                chain.push(items.len() - 1);
            }
        }
        chain.push(bottom);
        // A self-loop hangs below its node: link the label to the node once.
        let links = if top == bottom {
            &chain[..2]
        } else {
            &chain[..]
        };
        for pair in links.windows(2) {
            items[pair[0]].down.push(pair[1]);
            items[pair[1]].up.push(pair[0]);
        }
        chains.push(chain);
    }

    let rows = items.iter().map(|i| i.row + 1).max().unwrap_or(0);
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); rows];
    for (i, item) in items.iter().enumerate() {
        order[item.row].push(i);
    }
    order_rows(&items, &mut order);
    place_rows(&mut items, &order);

    // Rows from top to bottom.
    let mut row_top = vec![0.0; rows];
    let mut row_h = vec![0.0f64; rows];
    for item in &items {
        row_h[item.row] = row_h[item.row].max(item.size.h);
    }
    let mut y = 0.0;
    for r in 0..rows {
        row_top[r] = y;
        y += row_h[r] + GAP_Y;
    }
    let height = (y - GAP_Y).max(0.0);
    let min_x = items
        .iter()
        .map(|i| i.x - i.size.w / 2.0)
        .fold(f64::INFINITY, f64::min);
    let min_x = if min_x.is_finite() { min_x } else { 0.0 };
    let rect = |i: &Item| Rect {
        x: i.x - i.size.w / 2.0 - min_x,
        y: row_top[i.row] + (row_h[i.row] - i.size.h) / 2.0,
        w: i.size.w,
        h: i.size.h,
    };
    let width = items
        .iter()
        .map(|i| i.x + i.size.w / 2.0 - min_x)
        .fold(0.0, f64::max);
    let node_rects: Vec<Rect> = items[..n].iter().map(rect).collect();
    let mut labels = vec![
        Rect {
            x: 0.0,
            y: 0.0,
            w: 0.0,
            h: 0.0
        };
        edges.len()
    ];
    for item in &items {
        if let Kind::Label(e) = item.kind {
            labels[e] = rect(item);
        }
    }

    // Where edges meet boxes: spread along the bottom and top, in the order of the
    // items they come from, so arrows fan out instead of piling onto one point.
    let mut bottoms: Vec<Vec<(f64, usize, usize)>> = vec![Vec::new(); n];
    let mut tops: Vec<Vec<(f64, usize, usize)>> = vec![Vec::new(); n];
    for (ei, chain) in chains.iter().enumerate() {
        let (first, second) = (chain[0], chain[1]);
        bottoms[first].push((items[second].x, ei, 0));
        let last = chain[chain.len() - 1];
        let before = chain[chain.len() - 2];
        if first == last {
            // A self-loop comes back up into the bottom, right of where it left.
            bottoms[last].push((items[before].x + 0.5, ei, 1));
        } else {
            tops[last].push((items[before].x, ei, 1));
        }
    }
    let mut port = vec![[(0.0, 0.0); 2]; edges.len()];
    for (node, list) in bottoms.iter_mut().enumerate() {
        let r = node_rects[node];
        spread(list, r.x, r.w, r.y + r.h, &mut port);
    }
    for (node, list) in tops.iter_mut().enumerate() {
        let r = node_rects[node];
        spread(list, r.x, r.w, r.y, &mut port);
    }

    let mut paths = Vec::with_capacity(edges.len());
    for (ei, chain) in chains.iter().enumerate() {
        let mut points = vec![port[ei][0]];
        let mut segs = Vec::new();
        let middle = &chain[1..chain.len() - 1];
        if chain[0] == chain[chain.len() - 1] {
            let l = labels[ei];
            points.push((l.x, l.y + l.h / 2.0));
            segs.push(Seg::Curve);
            points.push((l.x + l.w, l.y + l.h / 2.0));
            segs.push(Seg::Line);
        } else {
            for &m in middle {
                let r = row_top[items[m].row];
                let x = items[m].x - min_x;
                points.push((x, r));
                segs.push(Seg::Curve);
                points.push((x, r + row_h[items[m].row]));
                segs.push(Seg::Line);
            }
        }
        points.push(port[ei][1]);
        segs.push(Seg::Curve);
        if reversed[ei] && chain[0] != chain[chain.len() - 1] {
            points.reverse();
            segs.reverse();
        }
        paths.push(EdgePath { points, segs });
    }
    Layout {
        nodes: node_rects,
        labels,
        edges: paths,
        width,
        height,
    }
}

/// Spreads attachment points over the middle of a box's edge, in the given x order.
fn spread(
    list: &mut [(f64, usize, usize)],
    left: f64,
    w: f64,
    y: f64,
    port: &mut [[(f64, f64); 2]],
) {
    list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let k = list.len() as f64;
    for (i, &(_, e, end)) in list.iter().enumerate() {
        let x = left + w * 0.1 + w * 0.8 * (i as f64 + 1.0) / (k + 1.0);
        if let Some(p) = port.get_mut(e) {
            p[end] = (x, y);
        }
    }
}

/// Marks the edges a depth-first search from `roots` (then every other node) finds
/// pointing back to a node still being searched; reversing them leaves no cycle.
/// Iterative, so a long chain cannot overflow the stack.
fn back_edges(n: usize, edges: &[EdgeIn], roots: &[usize]) -> Vec<bool> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        out[e.from].push(i);
    }
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state = vec![State::New; n];
    let mut reversed = vec![false; edges.len()];
    for root in roots.iter().copied().chain(0..n) {
        if root >= n || state[root] != State::New {
            continue;
        }
        state[root] = State::Open;
        let mut stack = vec![(root, 0usize)];
        while let Some(top) = stack.last_mut() {
            let v = top.0;
            if let Some(&ei) = out[v].get(top.1) {
                top.1 += 1;
                let w = edges[ei].to;
                match state[w] {
                    State::New => {
                        state[w] = State::Open;
                        stack.push((w, 0));
                    }
                    State::Open => reversed[ei] = w != v,
                    State::Done => {}
                }
            } else {
                state[v] = State::Done;
                stack.pop();
            }
        }
    }
    reversed
}

/// Longest-path ranks over the edges with back edges reversed; pinned nodes go one row
/// below every other node.
fn ranks(n: usize, edges: &[EdgeIn], reversed: &[bool], pinned: &[bool]) -> Vec<usize> {
    let is_pinned = |v: usize| pinned.get(v).copied().unwrap_or(false);
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for (e, rev) in edges.iter().zip(reversed) {
        if e.from == e.to {
            continue;
        }
        let (a, b) = if *rev { (e.to, e.from) } else { (e.from, e.to) };
        succ[a].push(b);
        indegree[b] += 1;
    }
    let mut rank = vec![0usize; n];
    let mut queue: VecDeque<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    while let Some(v) = queue.pop_front() {
        for &w in &succ[v] {
            rank[w] = rank[w].max(rank[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                queue.push_back(w);
            }
        }
    }
    let last = (0..n)
        .filter(|&v| !is_pinned(v))
        .map(|v| rank[v] + 1)
        .max()
        .unwrap_or(0);
    for (v, r) in rank.iter_mut().enumerate() {
        if is_pinned(v) {
            *r = last;
        }
    }
    rank
}

fn positions(order: &[Vec<usize>], items: usize) -> Vec<usize> {
    let mut pos = vec![0; items];
    for row in order {
        for (p, &i) in row.iter().enumerate() {
            pos[i] = p;
        }
    }
    pos
}

/// Edge crossings between every pair of neighbouring rows, counted as inversions.
fn crossings(items: &[Item], order: &[Vec<usize>]) -> usize {
    let pos = positions(order, items.len());
    let mut total = 0;
    for row in order {
        let mut pairs: Vec<(usize, usize)> = row
            .iter()
            .flat_map(|&a| items[a].down.iter().map(move |&b| (a, b)))
            .map(|(a, b)| (pos[a], pos[b]))
            .collect();
        pairs.sort_unstable();
        // Count pairs whose lower ends are out of order, with a Fenwick tree.
        let size = pairs.iter().map(|p| p.1 + 1).max().unwrap_or(0);
        let mut tree = vec![0usize; size + 1];
        for (seen, &(_, b)) in pairs.iter().enumerate() {
            let mut at_most_b = 0;
            let mut i = b + 1;
            while i > 0 {
                at_most_b += tree[i];
                i -= i & i.wrapping_neg();
            }
            total += seen - at_most_b;
            let mut i = b + 1;
            while i <= size {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

/// Orders every row by barycentre sweeps, keeping the best order found.
fn order_rows(items: &[Item], order: &mut [Vec<usize>]) {
    let mut best = order.to_vec();
    let mut best_crossings = crossings(items, order);
    for sweep in 0..SWEEPS * 2 {
        let down = sweep % 2 == 0;
        let pos = positions(order, items.len());
        let rows: Vec<usize> = if down {
            (1..order.len()).collect()
        } else {
            (0..order.len().saturating_sub(1)).rev().collect()
        };
        let mut pos = pos;
        for r in rows {
            let mut keyed: Vec<(f64, usize)> = order[r]
                .iter()
                .map(|&i| {
                    let near = if down { &items[i].up } else { &items[i].down };
                    let key = if near.is_empty() {
                        pos[i] as f64
                    } else {
                        near.iter().map(|&j| pos[j] as f64).sum::<f64>() / near.len() as f64
                    };
                    (key, i)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            order[r] = keyed.into_iter().map(|(_, i)| i).collect();
            for (p, &i) in order[r].iter().enumerate() {
                pos[i] = p;
            }
        }
        let c = crossings(items, order);
        if c < best_crossings {
            best_crossings = c;
            best = order.to_vec();
        }
    }
    order.clone_from_slice(&best);
}

/// Places each row's items as near their neighbours' mean x as spacing allows.
fn place_rows(items: &mut [Item], order: &[Vec<usize>]) {
    for row in order {
        fit_row(items, row, &vec![0.0; row.len()]);
    }
    for sweep in 0..SWEEPS * 2 + 1 {
        let down = sweep % 2 == 0;
        let rows: Vec<usize> = if down {
            (1..order.len()).collect()
        } else {
            (0..order.len().saturating_sub(1)).rev().collect()
        };
        for r in rows {
            let want: Vec<f64> = order[r]
                .iter()
                .map(|&i| {
                    let near = if down { &items[i].up } else { &items[i].down };
                    if near.is_empty() {
                        items[i].x
                    } else {
                        near.iter().map(|&j| items[j].x).sum::<f64>() / near.len() as f64
                    }
                })
                .collect();
            fit_row(items, &order[r], &want);
        }
    }
}

/// Sets the centres of one row's items (in order) as close to `want` as possible while
/// keeping them apart: with offsets `s` for the minimum spacing, `x - s` must not
/// decrease, which pool-adjacent-violators solves in one pass.
fn fit_row(items: &mut [Item], row: &[usize], want: &[f64]) {
    let mut offset = Vec::with_capacity(row.len());
    let mut s = 0.0;
    for (k, &i) in row.iter().enumerate() {
        if k > 0 {
            s += (items[row[k - 1]].size.w + items[i].size.w) / 2.0 + GAP_X;
        }
        offset.push(s);
    }
    // Blocks of (sum of targets, count), merged while out of order.
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for (k, w) in want.iter().enumerate() {
        blocks.push((w - offset[k], 1));
        while blocks.len() > 1 {
            let (s2, c2) = blocks[blocks.len() - 1];
            let (s1, c1) = blocks[blocks.len() - 2];
            if s1 / c1 as f64 > s2 / c2 as f64 {
                blocks.pop();
                let last = blocks.len() - 1;
                blocks[last] = (s1 + s2, c1 + c2);
            } else {
                break;
            }
        }
    }
    let mut k = 0;
    for (sum, count) in blocks {
        let y = sum / count as f64;
        for _ in 0..count {
            if let (Some(&i), Some(off)) = (row.get(k), offset.get(k)) {
                items[i].x = y + off;
            }
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sz(w: f64) -> Size {
        Size { w, h: 20.0 }
    }

    fn edge(from: usize, to: usize) -> EdgeIn {
        EdgeIn {
            from,
            to,
            label: sz(10.0),
        }
    }

    fn no_overlaps(l: &Layout) {
        let all: Vec<&Rect> = l.nodes.iter().chain(&l.labels).collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn a_chain_goes_down_and_a_loop_back_goes_up() {
        let l = layout(
            &[sz(40.0), sz(40.0), sz(40.0)],
            &[edge(0, 1), edge(1, 2), edge(2, 0)],
            &[0],
            &[false; 3],
        );
        assert!(l.nodes[0].y < l.nodes[1].y && l.nodes[1].y < l.nodes[2].y);
        // The back edge is drawn from node 2 upwards, ending at node 0's bottom.
        let back = &l.edges[2];
        let (end_x, end_y) = *back.points.last().unwrap();
        assert_eq!(end_y, l.nodes[0].y + l.nodes[0].h);
        assert!(end_x > l.nodes[0].x && end_x < l.nodes[0].x + l.nodes[0].w);
        assert!(back.points[0].1 < l.nodes[2].y + 0.01);
        no_overlaps(&l);
    }

    #[test]
    fn pinned_nodes_share_the_last_row() {
        let l = layout(
            &[sz(30.0), sz(30.0), sz(30.0), sz(30.0)],
            &[edge(0, 2), edge(0, 1), edge(1, 3)],
            &[0],
            &[false, false, true, true],
        );
        assert_eq!(l.nodes[2].y, l.nodes[3].y);
        assert!(l.nodes[2].y > l.nodes[1].y);
        no_overlaps(&l);
    }

    #[test]
    fn parallel_edges_and_self_loops_get_their_own_labels() {
        let l = layout(
            &[sz(50.0), sz(50.0)],
            &[edge(0, 1), edge(0, 1), edge(0, 0), edge(1, 1)],
            &[0],
            &[false, false],
        );
        assert_eq!(l.labels.len(), 4);
        assert_eq!(l.edges.iter().filter(|e| e.points.len() >= 2).count(), 4);
        no_overlaps(&l);
    }

    #[test]
    fn rows_are_spaced_exactly_by_pool_adjacent_violators() {
        let mut items: Vec<Item> = (0..3)
            .map(|i| Item {
                kind: Kind::Node(i),
                row: 0,
                size: sz(10.0),
                up: vec![],
                down: vec![],
                x: 0.0,
            })
            .collect();
        // All three want x = 0; the best fit centres them on it.
        fit_row(&mut items, &[0, 1, 2], &[0.0, 0.0, 0.0]);
        let xs: Vec<f64> = items.iter().map(|i| i.x).collect();
        let step = 10.0 + GAP_X;
        assert_eq!(xs, vec![-step, 0.0, step]);
        // Far apart wishes are met exactly.
        fit_row(&mut items, &[0, 1, 2], &[0.0, 100.0, 200.0]);
        assert_eq!(items[1].x, 100.0);
    }

    #[test]
    fn crossings_are_counted() {
        let mk = |row: usize, down: Vec<usize>| Item {
            kind: Kind::Lane,
            row,
            size: sz(1.0),
            up: vec![],
            down,
            x: 0.0,
        };
        // 0→3 and 1→2 cross once.
        let items = vec![mk(0, vec![3]), mk(0, vec![2]), mk(1, vec![]), mk(1, vec![])];
        assert_eq!(crossings(&items, &[vec![0, 1], vec![2, 3]]), 1);
        assert_eq!(crossings(&items, &[vec![0, 1], vec![3, 2]]), 0);
    }

    #[test]
    fn empty_and_out_of_range_input_is_harmless() {
        let l = layout(&[], &[edge(0, 1)], &[3], &[]);
        assert!(l.nodes.is_empty() && l.edges.is_empty());
        let l = layout(&[sz(10.0)], &[edge(0, 5)], &[9], &[true]);
        assert_eq!(l.nodes.len(), 1);
    }
}
