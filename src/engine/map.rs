//! The scenario map: a validated scenario as a layered graph of decisions, choices and
//! endings, rendered as self-contained SVG, Graphviz DOT or Mermaid.
//!
//! Choices are edges, told apart by colour *and* dash style (attuned solid, subtle
//! dashed, harmful dotted), so colour is never the only cue. Branch edges carry their
//! condition; endings are styled and labelled by kind. A trainee's path (the
//! `(node, choice)` steps of a play) can be highlighted, for the debrief.
//!
//! The layout is `layered.rs` (which says why it is not layout-rs); this module turns a
//! scenario into boxes and arrows for it and writes the result. Pure: text out.

use std::collections::HashSet;

use super::layered::{self, EdgeIn, Seg, Size};
use super::model::{Classification, EndingKind, History, PlayFacts, Scenario, Target};

/// One step of a play: the node index and the index of the choice made there.
pub type PathStep = (usize, usize);

/// A play's path, from the steps a session reports (`Session::steps`), for the debrief.
pub fn path_of(steps: &[super::session::Step]) -> Vec<PathStep> {
    steps.iter().map(|s| (s.node, s.choice)).collect()
}

/// The output formats of `attune graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Dot,
    Mermaid,
}

impl Format {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "svg" => Some(Self::Svg),
            "dot" => Some(Self::Dot),
            "mermaid" => Some(Self::Mermaid),
            _ => None,
        }
    }
}

/// Renders the map in `format`, with `path` highlighted if given.
pub fn render(s: &Scenario, format: Format, path: Option<&[PathStep]>) -> String {
    match format {
        Format::Svg => svg(s, path),
        Format::Dot => dot(s, path),
        Format::Mermaid => mermaid(s, path),
    }
}

/// A box on the map: a decision node or an ending.
#[derive(Debug, Clone, PartialEq)]
pub struct MapNode {
    pub target: Target,
    pub id: String,
    /// A short excerpt: the client's line, or the ending's kind and title.
    pub excerpt: String,
    pub start: bool,
    pub ending: Option<EndingKind>,
    pub on_path: bool,
}

/// An arrow on the map: one route of one choice.
#[derive(Debug, Clone, PartialEq)]
pub struct MapEdge {
    /// The node index the choice belongs to.
    pub from: usize,
    pub to: Target,
    pub choice: usize,
    /// `Some(i)` for the choice's i-th branch, `None` for its `next`.
    pub branch: Option<usize>,
    pub class: Classification,
    /// The short label drawn on the edge: the choice number, and the condition if any.
    pub label: String,
    /// A longer description for tooltips and screen readers.
    pub description: String,
    pub on_path: bool,
}

/// The map as plain data, in file order: every node, then every ending.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    pub scenario: String,
    pub title: String,
    pub nodes: Vec<MapNode>,
    pub edges: Vec<MapEdge>,
    pub has_path: bool,
}

impl Graph {
    /// The position of a target in `nodes`.
    pub fn slot(&self, t: Target) -> usize {
        slot(self.nodes.iter().filter(|n| n.ending.is_none()).count(), t)
    }
}

fn slot(decisions: usize, t: Target) -> usize {
    match t {
        Target::Node(i) => i,
        Target::Ending(i) => decisions + i,
    }
}

const EXCERPT_CHARS: usize = 48;

/// Shortens text to about `max` characters at a word boundary, with an ellipsis.
fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':', ' ']))
}

/// Builds the map's data, replaying `path` to mark the route a play took.
pub fn graph(s: &Scenario, path: Option<&[PathStep]>) -> Graph {
    let (taken, visited) = path.map(|p| replay(s, p)).unwrap_or_default();
    let n = s.nodes.len();
    let mut nodes: Vec<MapNode> = s
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| MapNode {
            target: Target::Node(i),
            id: node.id.0.clone(),
            excerpt: excerpt(&node.client, EXCERPT_CHARS),
            start: i == s.start,
            ending: None,
            on_path: visited.contains(&i),
        })
        .collect();
    nodes.extend(s.endings.iter().enumerate().map(|(i, e)| MapNode {
        target: Target::Ending(i),
        id: e.id.0.clone(),
        excerpt: excerpt(&format!("{}: {}", e.kind.label(), e.title), EXCERPT_CHARS),
        start: false,
        ending: Some(e.kind),
        on_path: visited.contains(&(n + i)),
    }));
    let mut edges = Vec::new();
    for (i, node) in s.nodes.iter().enumerate() {
        for (c, choice) in node.choices.iter().enumerate() {
            let said = excerpt(&choice.text, 80);
            let class = choice.class.label();
            let number = c + 1;
            let default_label = if choice.branches.is_empty() {
                number.to_string()
            } else {
                format!("{number} otherwise")
            };
            edges.push(MapEdge {
                from: i,
                to: choice.next,
                choice: c,
                branch: None,
                class: choice.class,
                label: default_label,
                description: format!("Choice {number} ({class}): {said}"),
                on_path: taken.contains(&(i, c, None)),
            });
            for (b, branch) in choice.branches.iter().enumerate() {
                edges.push(MapEdge {
                    from: i,
                    to: branch.next,
                    choice: c,
                    branch: Some(b),
                    class: choice.class,
                    label: format!("{number} if {}", branch.when.source),
                    description: format!(
                        "Choice {number} ({class}), when {}: {said}",
                        branch.when.source
                    ),
                    on_path: taken.contains(&(i, c, Some(b))),
                });
            }
        }
    }
    Graph {
        scenario: s.meta.id.0.clone(),
        title: s.meta.title.clone(),
        nodes,
        edges,
        has_path: path.is_some(),
    }
}

type Taken = HashSet<(usize, usize, Option<usize>)>;

/// Replays a play's steps with the session's rules (effects, then the first branch that
/// holds) to find the routes it took. Stops quietly at a step that does not fit, so a
/// stale or hand-made path can never panic the map.
fn replay(s: &Scenario, path: &[PathStep]) -> (Taken, HashSet<usize>) {
    let n = s.nodes.len();
    let mut taken = HashSet::new();
    let mut visited = HashSet::from([s.start]);
    let mut vars = s.initial_vars();
    let mut history = History::start(s);
    let mut here = s.start;
    for &(node, choice) in path {
        if node != here {
            break;
        }
        let Some(c) = s.nodes.get(node).and_then(|nd| nd.choices.get(choice)) else {
            break;
        };
        c.apply_effects(&s.variables, &mut vars);
        history.record(c);
        let facts = PlayFacts {
            vars: &vars,
            history: &history,
        };
        taken.insert((node, choice, c.branch_taken(&facts)));
        let to = c.route(&facts);
        visited.insert(slot(n, to));
        match to {
            Target::Node(next) => {
                history.enter(next);
                here = next;
            }
            Target::Ending(_) => break,
        }
    }
    (taken, visited)
}

// ---------------------------------------------------------------------------- styles

/// Colours with at least 4.5:1 contrast on white, so thin lines and labels stay legible.
fn class_colour(c: Classification) -> &'static str {
    match c {
        Classification::Attuned => "#1a7f37",
        Classification::Subtle => "#9a5b00",
        Classification::Harmful => "#b42318",
    }
}

/// SVG dash patterns: the second cue besides colour.
fn class_dash(c: Classification) -> Option<&'static str> {
    match c {
        Classification::Attuned => None,
        Classification::Subtle => Some("9 5"),
        Classification::Harmful => Some("2 4"),
    }
}

fn ending_key(k: EndingKind) -> &'static str {
    match k {
        EndingKind::Rupture => "rupture",
        EndingKind::Repair => "repair",
        EndingKind::Growth => "growth",
        EndingKind::Open => "open",
    }
}

/// (fill, stroke) for an ending's box.
fn ending_colours(k: EndingKind) -> (&'static str, &'static str) {
    match k {
        EndingKind::Rupture => ("#fdecea", "#b42318"),
        EndingKind::Repair => ("#e8f0fe", "#1d4ed8"),
        EndingKind::Growth => ("#e7f5ec", "#1a7f37"),
        EndingKind::Open => ("#f2f2f2", "#555555"),
    }
}

// ------------------------------------------------------------------------------- SVG

/// Text metrics. Box sizes are estimated from character counts, so they are generous:
/// 0.62 em per character covers the common sans-serif fonts for mixed-case text.
const FONT_PX: f64 = 13.0;
const LABEL_PX: f64 = 11.0;
const CHAR_EM: f64 = 0.62;
const LINE_PX: f64 = 17.0;
const PAD_X: f64 = 10.0;
const PAD_Y: f64 = 8.0;
/// Excerpts wrap at this many characters, keeping boxes narrow enough for wide levels.
const WRAP_CHARS: usize = 26;
const MARGIN: f64 = 16.0;
const LEGEND_H: f64 = 64.0;

/// Wraps text into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let fits = line.chars().count() + 1 + word.chars().count() <= width;
        if !line.is_empty() && !fits {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The lines written in a node's box: its id (marked if it is the start), then the excerpt.
fn box_lines(node: &MapNode) -> Vec<String> {
    let first = if node.start {
        format!("{} (start)", node.id)
    } else {
        node.id.clone()
    };
    std::iter::once(first)
        .chain(wrap(&node.excerpt, WRAP_CHARS))
        .collect()
}

fn text_width(chars: usize, px: f64) -> f64 {
    chars as f64 * px * CHAR_EM
}

fn box_size(lines: &[String]) -> (f64, f64) {
    let widest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(1);
    (
        text_width(widest, FONT_PX) + 2.0 * PAD_X,
        lines.len() as f64 * LINE_PX + 2.0 * PAD_Y,
    )
}

/// Escapes text for SVG and XML: element content and attribute values alike.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0 at all.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A name safe inside an XML id: the scenario id with anything else replaced.
fn id_prefix(scenario: &str) -> String {
    let clean: String = scenario
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("attune-map-{clean}")
}

/// The map as a self-contained SVG document (no scripts, fonts or outside references),
/// with `path` highlighted if given.
pub fn svg(s: &Scenario, path: Option<&[PathStep]>) -> String {
    svg_of(&graph(s, path))
}

fn label_size(label: &str) -> Size {
    Size {
        w: text_width(label.chars().count(), LABEL_PX) + 8.0,
        h: LABEL_PX + 6.0,
    }
}

/// The SVG for an already built graph.
pub fn svg_of(g: &Graph) -> String {
    let lines: Vec<Vec<String>> = g.nodes.iter().map(box_lines).collect();
    let sizes: Vec<Size> = lines
        .iter()
        .map(|l| {
            let (w, h) = box_size(l);
            Size { w, h }
        })
        .collect();
    let edges: Vec<EdgeIn> = g
        .edges
        .iter()
        .map(|e| EdgeIn {
            from: e.from,
            to: g.slot(e.to),
            label: label_size(&e.label),
        })
        .collect();
    let roots: Vec<usize> = g
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.start)
        .map(|(i, _)| i)
        .collect();
    let pinned: Vec<bool> = g.nodes.iter().map(|n| n.ending.is_some()).collect();
    let lay = layered::layout(&sizes, &edges, &roots, &pinned);
    let prefix = id_prefix(&g.scenario);
    let (legend_svg, legend_w) = legend(&prefix);
    let (dx, dy) = (MARGIN, MARGIN + LEGEND_H);
    let width = (lay.width + 2.0 * MARGIN).max(legend_w + MARGIN).ceil();
    let height = (lay.height + 2.0 * MARGIN + LEGEND_H).ceil();

    let title = format!("Scenario map: {}", g.title);
    let decisions = g.nodes.iter().filter(|n| n.ending.is_none()).count();
    let desc = format!(
        "{decisions} decisions, {} endings and {} routes. Each box is a decision (its id and the client's words) or an ending (its kind and title); endings are on the bottom row. Arrows are the therapist's choices: solid for attuned, dashed for risks subtle harm, dotted for risks harm; a label gives the choice number and any condition.{}",
        g.nodes.len() - decisions,
        g.edges.len(),
        if g.has_path {
            " The route taken in this play is drawn thicker; the rest is faded."
        } else {
            ""
        }
    );
    let root_class = if g.has_path {
        "attune-map has-path"
    } else {
        "attune-map"
    };
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{root_class}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{prefix}-title {prefix}-desc\">\n"
    );
    out.push_str(&format!(
        "<title id=\"{prefix}-title\">{}</title>\n<desc id=\"{prefix}-desc\">{}</desc>\n",
        escape_xml(&title),
        escape_xml(&desc)
    ));
    out.push_str(&style_block());
    out.push_str(&defs(&prefix));
    out.push_str(&legend_svg);

    out.push_str("<g class=\"map-edges\">\n");
    for (e, path) in g.edges.iter().zip(&lay.edges) {
        let Some(&(x0, y0)) = path.points.first() else {
            continue;
        };
        let mut d = format!("M {:.1} {:.1}", x0 + dx, y0 + dy);
        for (seg, pair) in path.segs.iter().zip(path.points.windows(2)) {
            let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
            match seg {
                Seg::Line => d.push_str(&format!(" L {:.1} {:.1}", bx + dx, by + dy)),
                Seg::Curve => {
                    let mid = (ay + by) / 2.0 + dy;
                    d.push_str(&format!(
                        " C {:.1} {mid:.1}, {:.1} {mid:.1}, {:.1} {:.1}",
                        ax + dx,
                        bx + dx,
                        bx + dx,
                        by + dy
                    ));
                }
            }
        }
        let key = e.class.key();
        out.push_str(&format!(
            "<g class=\"map-edge map-{key}{}\" data-from=\"{}\" data-to=\"{}\" data-choice=\"{}\"><title>{}</title><path d=\"{d}\" marker-end=\"url(#{prefix}-end-{key})\"/></g>\n",
            if e.on_path { " on-path" } else { "" },
            escape_xml(&g.nodes[e.from].id),
            escape_xml(&g.nodes[g.slot(e.to)].id),
            e.choice + 1,
            escape_xml(&e.description),
        ));
    }
    out.push_str("</g>\n<g class=\"map-labels\">\n");
    for (e, r) in g.edges.iter().zip(&lay.labels) {
        out.push_str(&format!(
            "<g class=\"map-label map-{}{}\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"3\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>\n",
            e.class.key(),
            if e.on_path { " on-path" } else { "" },
            r.x + dx,
            r.y + dy,
            r.w,
            r.h,
            r.x + dx + r.w / 2.0,
            r.y + dy + r.h / 2.0 + LABEL_PX * 0.35,
            escape_xml(&e.label)
        ));
    }
    out.push_str("</g>\n<g class=\"map-nodes\">\n");
    for ((node, r), lines) in g.nodes.iter().zip(&lay.nodes).zip(&lines) {
        let kind = match node.ending {
            Some(k) => format!("map-ending map-{}", ending_key(k)),
            None if node.start => "map-decision map-start".to_owned(),
            None => "map-decision".to_owned(),
        };
        let (x, y) = (r.x + dx, r.y + dy);
        let tooltip = match node.ending {
            Some(_) => format!("Ending {}: {}", node.id, node.excerpt),
            None => format!("Decision {}: {}", node.id, node.excerpt),
        };
        out.push_str(&format!(
            "<g class=\"map-node {kind}{}\" data-id=\"{}\"><title>{}</title><rect class=\"map-box\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"6\"/>",
            if node.on_path { " on-path" } else { "" },
            escape_xml(&node.id),
            escape_xml(&tooltip),
            r.w,
            r.h,
        ));
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\">",
            x + PAD_X,
            y + PAD_Y
        ));
        for (li, line) in lines.iter().enumerate() {
            let class = if li == 0 { " class=\"map-id\"" } else { "" };
            out.push_str(&format!(
                "<tspan x=\"{:.1}\" dy=\"{LINE_PX}\"{class}>{}</tspan>",
                x + PAD_X,
                escape_xml(line)
            ));
        }
        out.push_str("</text></g>\n");
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// Styles, scoped under `svg.attune-map` because a `<style>` in an inline SVG applies
/// to the whole page it sits in.
fn style_block() -> String {
    let mut css = String::from(
        "svg.attune-map{background:#fff;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif}\n\
svg.attune-map text{font-size:13px;fill:#1f1f1f}\n\
svg.attune-map .map-id{font-weight:700}\n\
svg.attune-map .map-box{fill:#fff;stroke:#3c3c3c;stroke-width:1.5}\n\
svg.attune-map .map-start .map-box{stroke-width:3}\n\
svg.attune-map .map-edge path{fill:none;stroke-width:1.6}\n\
svg.attune-map .map-label rect{fill:#fff;stroke:none;opacity:.92}\n\
svg.attune-map .map-label text{font-size:11px;text-anchor:middle}\n\
svg.attune-map.has-path .map-edge:not(.on-path),svg.attune-map.has-path .map-label:not(.on-path){opacity:.3}\n\
svg.attune-map .map-edge.on-path path{stroke-width:4}\n\
svg.attune-map .map-node.on-path .map-box{stroke:#111;stroke-width:3.5}\n\
svg.attune-map .map-label.on-path text{font-weight:700}\n",
    );
    for c in [
        Classification::Attuned,
        Classification::Subtle,
        Classification::Harmful,
    ] {
        let dash = class_dash(c)
            .map(|d| format!(";stroke-dasharray:{d}"))
            .unwrap_or_default();
        css.push_str(&format!(
            "svg.attune-map .map-{} path,svg.attune-map line.map-{}{{stroke:{}{dash}}}\nsvg.attune-map .map-label.map-{} text{{fill:{}}}\n",
            c.key(),
            c.key(),
            class_colour(c),
            c.key(),
            class_colour(c)
        ));
    }
    for k in EndingKind::ALL {
        let (fill, stroke) = ending_colours(k);
        let dash = if k == EndingKind::Open {
            ";stroke-dasharray:6 3"
        } else {
            ""
        };
        css.push_str(&format!(
            "svg.attune-map .map-{} .map-box{{fill:{fill};stroke:{stroke};stroke-width:2{dash}}}\n",
            ending_key(k)
        ));
    }
    format!("<style>\n{css}</style>\n")
}

/// Arrowheads, one per class, since `context-stroke` is not yet safe everywhere.
fn defs(prefix: &str) -> String {
    let mut out = String::from("<defs>\n");
    for c in [
        Classification::Attuned,
        Classification::Subtle,
        Classification::Harmful,
    ] {
        let (key, colour) = (c.key(), class_colour(c));
        out.push_str(&format!(
            "<marker id=\"{prefix}-end-{key}\" markerWidth=\"10\" markerHeight=\"8\" refX=\"10\" refY=\"4\" orient=\"auto\" markerUnits=\"userSpaceOnUse\"><polygon points=\"0 0, 10 4, 0 8\" fill=\"{colour}\"/></marker>\n"
        ));
    }
    out.push_str("</defs>\n");
    out
}

/// A key to the line styles and ending colours, drawn across the top, and its width.
fn legend(prefix: &str) -> (String, f64) {
    let mut out = String::from("<g class=\"map-legend\" aria-hidden=\"true\">\n");
    let mut x = MARGIN;
    for c in [
        Classification::Attuned,
        Classification::Subtle,
        Classification::Harmful,
    ] {
        let key = c.key();
        out.push_str(&format!(
            "<line class=\"map-{key}\" x1=\"{x}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke-width=\"2\" marker-end=\"url(#{prefix}-end-{key})\"/><text x=\"{tx}\" y=\"{ty}\">{label}</text>\n",
            y = MARGIN + 8.0,
            x2 = x + 40.0,
            tx = x + 48.0,
            ty = MARGIN + 12.0,
            label = escape_xml(c.label()),
        ));
        x += 48.0 + text_width(c.label().chars().count(), FONT_PX) + 24.0;
    }
    let first_row = x;
    let mut x = MARGIN;
    for k in EndingKind::ALL {
        let label = format!("{} ending", k.label());
        out.push_str(&format!(
            "<g class=\"map-{}\"><rect class=\"map-box\" x=\"{x}\" y=\"{y}\" width=\"28\" height=\"16\" rx=\"4\"/></g><text x=\"{tx}\" y=\"{ty}\">{}</text>\n",
            ending_key(k),
            escape_xml(&label),
            y = MARGIN + 26.0,
            tx = x + 36.0,
            ty = MARGIN + 39.0,
        ));
        x += 36.0 + text_width(label.chars().count(), FONT_PX) + 20.0;
    }
    out.push_str("</g>\n");
    (out, x.max(first_row))
}

// ------------------------------------------------------------------------------- DOT

/// A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`.
fn dot_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The map as Graphviz DOT, for `dot -Tsvg` or any DOT viewer.
pub fn dot(s: &Scenario, path: Option<&[PathStep]>) -> String {
    let g = graph(s, path);
    let mut out = format!("digraph {} {{\n", dot_str(&g.scenario));
    out.push_str(&format!(
        "  graph [label={}, labelloc=t, rankdir=TB, fontname=\"sans-serif\"];\n",
        dot_str(&format!("Scenario map: {}", g.title))
    ));
    out.push_str("  node [shape=box, style=rounded, fontname=\"sans-serif\"];\n");
    out.push_str("  edge [fontname=\"sans-serif\", fontsize=10];\n");
    for node in &g.nodes {
        let label = box_lines(node).join("\n");
        let mut attrs = vec![format!("label={}", dot_str(&label))];
        match node.ending {
            Some(k) => {
                let (fill, stroke) = ending_colours(k);
                let style = if k == EndingKind::Open {
                    "rounded,filled,dashed"
                } else {
                    "rounded,filled"
                };
                attrs.push(format!(
                    "style=\"{style}\", fillcolor=\"{fill}\", color=\"{stroke}\", class=\"ending {}\"",
                    ending_key(k)
                ));
            }
            None if node.start => attrs.push("penwidth=3, class=\"decision start\"".into()),
            None => attrs.push("class=\"decision\"".into()),
        }
        if node.on_path {
            attrs.push("penwidth=3.5".into());
        }
        out.push_str(&format!(
            "  {} [{}];\n",
            dot_str(&node.id),
            attrs.join(", ")
        ));
    }
    for e in &g.edges {
        let style = match e.class {
            Classification::Attuned => "solid",
            Classification::Subtle => "dashed",
            Classification::Harmful => "dotted",
        };
        out.push_str(&format!(
            "  {} -> {} [label={}, tooltip={}, color=\"{}\", fontcolor=\"{}\", style={style}, penwidth={}, class=\"{}\"];\n",
            dot_str(&g.nodes[e.from].id),
            dot_str(&g.nodes[g.slot(e.to)].id),
            dot_str(&e.label),
            dot_str(&e.description),
            class_colour(e.class),
            class_colour(e.class),
            if e.on_path { "4" } else { "1.5" },
            e.class.key()
        ));
    }
    out.push_str("}\n");
    out
}

// --------------------------------------------------------------------------- Mermaid

/// Text for a Mermaid quoted label: Mermaid's own `#name;` entities for every character
/// that could end the label or be read as markup.
fn mermaid_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The map as a Mermaid flowchart, for Markdown that renders Mermaid (GitHub, GitLab).
pub fn mermaid(s: &Scenario, path: Option<&[PathStep]>) -> String {
    let g = graph(s, path);
    let decisions = g.nodes.iter().filter(|n| n.ending.is_none()).count();
    // Mermaid ids are generated (n0, e0) because scenario ids may contain characters
    // Mermaid reads as syntax; the real ids are in the labels.
    let mid = |slot: usize| {
        if slot < decisions {
            format!("n{slot}")
        } else {
            format!("e{}", slot - decisions)
        }
    };
    let mut out = format!(
        "---\ntitle: {}\n---\nflowchart TD\n",
        mermaid_str(&format!("Scenario map: {}", g.title))
    );
    for (slot, node) in g.nodes.iter().enumerate() {
        let label = box_lines(node)
            .iter()
            .map(|l| mermaid_str(l).trim_matches('"').to_owned())
            .collect::<Vec<_>>()
            .join("<br/>");
        let (open, close) = if node.ending.is_some() {
            ("([", "])")
        } else {
            ("[", "]")
        };
        out.push_str(&format!("  {}{open}\"{label}\"{close}\n", mid(slot)));
    }
    for e in &g.edges {
        out.push_str(&format!(
            "  {} -->|{}| {}\n",
            mid(e.from),
            mermaid_str(&e.label),
            mid(g.slot(e.to))
        ));
    }
    for (i, e) in g.edges.iter().enumerate() {
        let dash = class_dash(e.class)
            .map(|d| format!(",stroke-dasharray:{d}"))
            .unwrap_or_default();
        let width = if e.on_path { 4.0 } else { 1.6 };
        out.push_str(&format!(
            "  linkStyle {i} stroke:{},stroke-width:{width}px{dash}\n",
            class_colour(e.class)
        ));
    }
    for k in EndingKind::ALL {
        let (fill, stroke) = ending_colours(k);
        out.push_str(&format!(
            "  classDef ending_{} fill:{fill},stroke:{stroke},stroke-width:2px\n",
            ending_key(k)
        ));
    }
    out.push_str(
        "  classDef start_node stroke-width:3px\n  classDef on_path stroke:#111,stroke-width:4px\n",
    );
    for (slot, node) in g.nodes.iter().enumerate() {
        if let Some(k) = node.ending {
            out.push_str(&format!("  class {} ending_{}\n", mid(slot), ending_key(k)));
        } else if node.start {
            out.push_str(&format!("  class {} start_node\n", mid(slot)));
        }
        if node.on_path {
            out.push_str(&format!("  class {} on_path\n", mid(slot)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_words_and_wrap() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four five", 12), "one two…");
        assert_eq!(wrap("aa bb cc dd", 5), vec!["aa bb", "cc dd"]);
        assert_eq!(wrap("", 5), Vec::<String>::new());
    }

    #[test]
    fn escapes_are_complete() {
        assert_eq!(
            escape_xml("<a href=\"x\">'&'</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; "
        );
        assert_eq!(dot_str("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
        assert_eq!(
            mermaid_str("a \"b\" <c> #1 | `"),
            "\"a #quot;b#quot; #lt;c#gt; #35;1 #124; #96;\""
        );
    }
}
