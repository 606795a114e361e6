//! The scenario map in all three formats: every node, ending and route is drawn, classes
//! are told apart, text is escaped, a play's path is highlighted, a 40-node scenario has
//! no overlapping boxes or labels, and no valid scenario makes the layout panic.

use proptest::prelude::*;

use attune::engine::map::{self, Format};
use attune::engine::{validate, Scenario, Session, SourceFile};

fn load(text: &str) -> Scenario {
    let (s, d) = validate::scenario(&SourceFile::new("t.toml", text), &super::fixture_catalog());
    s.unwrap_or_else(|| panic!("{:#?}", d.iter().map(|d| d.one_line()).collect::<Vec<_>>()))
}

fn small_text() -> String {
    std::fs::read_to_string(super::fixture("valid/small.toml")).unwrap()
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// One top-level group of the SVG (`map-edges`, `map-labels` or `map-nodes`).
fn section<'a>(svg: &'a str, name: &str) -> &'a str {
    let start = svg
        .find(&format!("<g class=\"{name}\">"))
        .unwrap_or_else(|| panic!("no {name} group"));
    let rest = &svg[start + 1..];
    let end = [
        "<g class=\"map-edges\">",
        "<g class=\"map-labels\">",
        "<g class=\"map-nodes\">",
        "</svg>",
    ]
    .iter()
    .filter_map(|m| rest.find(m))
    .min()
    .unwrap_or(rest.len());
    &svg[start..start + 1 + end]
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!(" {name}=\"");
    let at = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + key.len();
    tag[at..].split('"').next().unwrap().parse().unwrap()
}

/// Every `<rect …>` in a piece of SVG as (x, y, width, height).
fn rects(svg: &str) -> Vec<(f64, f64, f64, f64)> {
    svg.split("<rect ")
        .skip(1)
        .map(|t| {
            let tag = &t[..t.find("/>").unwrap()];
            let tag = format!(" {tag}");
            (
                attr(&tag, "x"),
                attr(&tag, "y"),
                attr(&tag, "width"),
                attr(&tag, "height"),
            )
        })
        .collect()
}

fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

#[test]
fn svg_draws_every_node_ending_and_route_with_classes() {
    let s = load(&small_text());
    let svg = map::svg(&s, None);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(
        svg.contains("<title id=\"attune-map-small-title\">Scenario map: A small fixture</title>")
    );
    assert!(svg.contains("<desc "));
    for id in ["open", "middle", "opened", "closed"] {
        assert_eq!(count(&svg, &format!("data-id=\"{id}\"")), 1, "{id}");
    }
    assert_eq!(count(&svg, "<g class=\"map-node "), 4);
    assert_eq!(count(&svg, "map-decision map-start"), 1);
    assert!(svg.contains("map-ending map-growth") && svg.contains("map-ending map-rupture"));
    // 2 choices at `open`; at `middle` a choice with a branch (2 routes) and one without.
    assert_eq!(count(&svg, "<g class=\"map-edge "), 5);
    assert_eq!(
        count(section(&svg, "map-labels"), "<g class=\"map-label "),
        5
    );
    assert_eq!(count(&svg, "<g class=\"map-edge map-attuned"), 3);
    assert_eq!(count(&svg, "<g class=\"map-edge map-subtle"), 1);
    assert_eq!(count(&svg, "<g class=\"map-edge map-harmful"), 1);
    assert!(svg.contains(">1 if trust &gt;= 60</text>"));
    assert!(svg.contains(">1 otherwise</text>"));
    // Dash styles, not colour alone, tell the classes apart.
    assert!(svg.contains(
        "map-subtle path,svg.attune-map line.map-subtle{stroke:#9a5b00;stroke-dasharray:"
    ));
    assert!(svg.contains(
        "map-harmful path,svg.attune-map line.map-harmful{stroke:#b42318;stroke-dasharray:"
    ));
    // Self-contained: nothing fetched, nothing run.
    for banned in ["<script", "href=\"http", "@import", "url(http", "<image"] {
        assert!(!svg.contains(banned), "{banned}");
    }
    assert_eq!(count(&svg, "<g "), count(&svg, "</g>"));
}

#[test]
fn dot_is_valid_and_complete() {
    let s = load(&small_text());
    let dot = map::dot(&s, None);
    let mut parser = layout::gv::DotParser::new(&dot);
    assert!(parser.process().is_ok(), "invalid DOT:\n{dot}");
    for id in ["open", "middle", "opened", "closed"] {
        assert!(dot.contains(&format!("\n  \"{id}\" [label=")), "{id}");
    }
    assert_eq!(count(&dot, " -> "), 5);
    assert_eq!(count(&dot, "style=solid"), 3);
    assert_eq!(count(&dot, "style=dashed"), 1);
    assert_eq!(count(&dot, "style=dotted"), 1);
    assert!(dot.contains("label=\"1 if trust >= 60\""));
    assert!(dot.contains("class=\"ending growth\"") && dot.contains("class=\"ending rupture\""));
}

#[test]
fn mermaid_is_complete() {
    let s = load(&small_text());
    let m = map::mermaid(&s, None);
    assert!(m.contains("\nflowchart TD\n"));
    for (mid, id) in [
        ("n0", "open"),
        ("n1", "middle"),
        ("e0", "opened"),
        ("e1", "closed"),
    ] {
        assert!(m.contains(&format!("  {mid}")) && m.contains(id), "{id}");
    }
    assert_eq!(count(&m, " -->|"), 5);
    assert_eq!(count(&m, "linkStyle "), 5);
    assert_eq!(count(&m, "stroke-dasharray"), 2);
    assert!(m.contains("n1 -->|\"1 if trust #gt;= 60\"| e0"));
    assert!(m.contains("class e1 ending_rupture"));
}

#[test]
fn text_is_escaped_in_every_format() {
    let text = small_text()
        .replace(
            "client = \"Work has been a lot.\"",
            "client = 'She said \"no\" & <script>alert(1)</script>'",
        )
        .replace(
            "title = \"Sam closes down\"",
            "title = \"<b>Closed</b> \\\"down\\\" #1 | `x`\"",
        );
    let s = load(&text);

    let svg = map::svg(&s, None);
    assert!(!svg.contains("<script") && !svg.contains("<b>"), "{svg}");
    // The box wraps the line; the tooltip has it whole.
    assert!(
        svg.contains(">She said &quot;no&quot; &amp;</tspan>"),
        "{svg}"
    );
    assert!(
        svg.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</tspan>"),
        "{svg}"
    );
    assert!(svg.contains("<title>Ending closed: Rupture: &lt;b&gt;Closed&lt;/b&gt; &quot;down&quot; #1 | `x`</title>"), "{svg}");

    let dot = map::dot(&s, None);
    assert!(
        dot.contains("\\nShe said \\\"no\\\" &\\n<script>alert(1)</script>\""),
        "{dot}"
    );
    assert!(dot.contains("\\n\\\"down\\\" #1 | `x`\""), "{dot}");
    assert!(
        layout::gv::DotParser::new(&dot).process().is_ok(),
        "invalid DOT:\n{dot}"
    );

    let m = map::mermaid(&s, None);
    assert!(!m.contains("<script") && !m.contains("<b>"), "{m}");
    assert!(
        m.contains("She said #quot;no#quot; #amp;<br/>#lt;script#gt;alert(1)#lt;/script#gt;"),
        "{m}"
    );
    assert!(m.contains("#quot;down#quot; #35;1 #124; #96;x#96;"), "{m}");
    // Labels are quoted, so only the quote pairs delimit them.
    for line in m.lines().filter(|l| l.contains("[\"")) {
        assert_eq!(count(line, "\""), 2, "{line}");
    }
}

#[test]
fn a_plays_path_is_highlighted() {
    let s = load(&small_text());
    // Attuned twice: trust 50 → 70 → 80, so the branch to `opened` holds.
    let svg = map::svg(&s, Some(&[(0, 0), (1, 0)]));
    assert!(svg.contains("class=\"attune-map has-path\""));
    let edges: Vec<&str> = svg.lines().filter(|l| l.contains("map-edge ")).collect();
    let on: Vec<&&str> = edges.iter().filter(|l| l.contains(" on-path")).collect();
    assert_eq!(on.len(), 2, "{on:#?}");
    assert!(on[0].contains("data-from=\"open\" data-to=\"middle\" data-choice=\"1\""));
    assert!(on[1].contains("data-from=\"middle\" data-to=\"opened\" data-choice=\"1\""));
    for (id, lit) in [
        ("open", true),
        ("middle", true),
        ("opened", true),
        ("closed", false),
    ] {
        let line = svg
            .lines()
            .find(|l| l.contains(&format!("data-id=\"{id}\"")))
            .unwrap();
        assert_eq!(line.contains(" on-path"), lit, "{id}");
    }
    // The subtle first choice leaves trust at 20, so the same second choice ends closed.
    let g = map::graph(&s, Some(&[(0, 1), (1, 0)]));
    let lit: Vec<(usize, Option<usize>)> = g
        .edges
        .iter()
        .filter(|e| e.on_path)
        .map(|e| (e.from, e.branch))
        .collect();
    assert_eq!(lit, vec![(0, None), (1, None)]);
    assert!(g.nodes[3].on_path && !g.nodes[2].on_path);
    // A stale or made-up path highlights what fits and never panics.
    let g = map::graph(&s, Some(&[(1, 0), (7, 9)]));
    assert!(g.edges.iter().all(|e| !e.on_path));
    let g = map::graph(&s, Some(&[(0, 99)]));
    assert!(g.edges.iter().all(|e| !e.on_path));
    // A session's own steps give the same path.
    let (mut play, _) = Session::start(std::rc::Rc::new(s.clone()), 7);
    play.choose(0).unwrap();
    play.choose(0).unwrap();
    assert_eq!(map::path_of(play.steps()), vec![(0, 0), (1, 0)]);
    assert!(map::render(&s, Format::Dot, Some(&[(0, 0)])).contains("penwidth=4"));
    assert!(map::render(&s, Format::Mermaid, Some(&[(0, 0)])).contains("class n0 on_path"));
}

/// A scenario file with rows of decisions of the given sizes, three choices each (one
/// per class) to the next row and a branch on every attuned choice, then four endings.
fn generated(rows: &[usize]) -> String {
    let mut t = String::from(
        "format = 1\nid = \"generated\"\ntitle = \"Generated\"\nsummary = \"s\"\nsetting = \"s\"\nminutes = 5\nversion = \"1\"\nfocus = [\"individualising\"]\ncontent_notes = [\"none\"]\nstart = \"n0_0\"\n\n[client]\nname = \"A\"\npronouns = \"they/them\"\ncontext = \"c\"\n\n[provenance]\nauthors = [\"tests\"]\n\n[[variables]]\nid = \"trust\"\nlabel = \"Trust\"\ninitial = 50\nmin = 0\nmax = 100\n",
    );
    let endings = ["growth", "repair", "rupture", "open"];
    for (l, &width) in rows.iter().enumerate() {
        for w in 0..width {
            t.push_str(&format!(
                "\n[[nodes]]\nid = \"n{l}_{w}\"\nclient = \"Line {l}.{w}: I am not sure what I want to say about work today, honestly.\"\n"
            ));
            // Targets w..w+3 of the next row, so every node there is reached when this
            // row has at least (next row - 4) nodes.
            let next = |k: usize| match rows.get(l + 1) {
                Some(next_width) => format!("n{}_{}", l + 1, (w + k) % next_width),
                None => endings[(w + k) % 4].to_owned(),
            };
            t.push_str(&format!(
                "\n[[nodes.choices]]\ntext = \"Attuned {l} {w}\"\nclass = \"attuned\"\nrationale = \"r\"\neffects = {{ trust = 10 }}\nnext = \"{}\"\nbranches = [{{ when = \"trust >= 70\", next = \"{}\" }}]\n",
                next(0),
                next(2)
            ));
            t.push_str(&format!(
                "\n[[nodes.choices]]\ntext = \"Subtle {l} {w}\"\nclass = \"subtle\"\npatterns = [\"individualising\"]\nrationale = \"r\"\nperspective = \"p\"\nalternative = \"a\"\neffects = {{ trust = -10 }}\nnext = \"{}\"\n",
                next(1)
            ));
            t.push_str(&format!(
                "\n[[nodes.choices]]\ntext = \"Harmful {l} {w}\"\nclass = \"harmful\"\npatterns = [\"therapist-as-expert\"]\nrationale = \"r\"\nperspective = \"p\"\nalternative = \"a\"\neffects = {{ trust = -20 }}\nnext = \"{}\"\n",
                next(3)
            ));
        }
    }
    for (i, kind) in endings.iter().enumerate() {
        t.push_str(&format!(
            "\n[[endings]]\nid = \"{kind}\"\nkind = \"{kind}\"\ntitle = \"Ending {i}\"\ntext = \"t\"\n"
        ));
    }
    t
}

#[test]
fn a_forty_node_map_has_no_overlapping_boxes_or_labels() {
    let rows = [1, 4, 5, 5, 5, 5, 5, 5, 4, 1];
    let s = load(&generated(&rows));
    assert_eq!(s.nodes.len(), 40);
    let svg = map::svg(&s, None);
    let nodes = rects(section(&svg, "map-nodes"));
    let labels = rects(section(&svg, "map-labels"));
    assert_eq!(nodes.len(), 44, "40 decisions and 4 endings");
    assert_eq!(
        labels.len(),
        40 * 4,
        "three choices and one branch per decision"
    );
    let width = attr(&svg[..svg.find('>').unwrap()], "width");
    let height = attr(&svg[..svg.find('>').unwrap()], "height");
    let all: Vec<_> = nodes.iter().chain(&labels).copied().collect();
    for (i, a) in all.iter().enumerate() {
        assert!(
            a.0 >= 0.0 && a.1 >= 0.0 && a.0 + a.2 <= width && a.1 + a.3 <= height,
            "{a:?} is outside the picture"
        );
        for b in &all[i + 1..] {
            assert!(!overlap(*a, *b), "{a:?} overlaps {b:?}");
        }
    }
    for (l, &width) in rows.iter().enumerate() {
        for w in 0..width {
            assert!(svg.contains(&format!("data-id=\"n{l}_{w}\"")));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Random shapes (loops back, self-loops, parallel and long edges) never panic the
    /// layout, and every node is drawn.
    #[test]
    fn any_valid_scenario_draws_without_panicking(
        n in 1usize..14,
        picks in proptest::collection::vec((0usize..64, 0usize..3, any::<bool>()), 1..60),
    ) {
        let mut t = generated(&[1])
            .split("\n[[nodes]]")
            .next()
            .unwrap()
            .replace("start = \"n0_0\"", "start = \"n0\"");
        let mut per_node = vec![Vec::new(); n];
        for (i, (to, class, branch)) in picks.iter().enumerate() {
            per_node[i % n].push((*to, *class, *branch));
        }
        for (i, choices) in per_node.iter().enumerate() {
            t.push_str(&format!("\n[[nodes]]\nid = \"n{i}\"\nclient = \"c\"\n"));
            // The first choice always moves on, so every node is reachable and can end.
            let forward = if i + 1 < n { format!("n{}", i + 1) } else { "done".into() };
            t.push_str(&format!("\n[[nodes.choices]]\ntext = \"go\"\nclass = \"attuned\"\nrationale = \"r\"\nnext = \"{forward}\"\n"));
            for (to, class, branch) in choices {
                let target = if to % (n + 1) == n { "done".to_owned() } else { format!("n{}", to % (n + 1)) };
                let class = ["attuned", "subtle", "harmful"][*class];
                let branches = if *branch { format!("branches = [{{ when = \"trust > 50\", next = \"n{}\" }}]\n", to % n) } else { String::new() };
                t.push_str(&format!("\n[[nodes.choices]]\ntext = \"t\"\nclass = \"{class}\"\npatterns = [\"individualising\"]\nrationale = \"r\"\nperspective = \"p\"\nalternative = \"a\"\neffects = {{ trust = 5 }}\nnext = \"{target}\"\n{branches}"));
            }
        }
        t.push_str("\n[[endings]]\nid = \"done\"\nkind = \"open\"\ntitle = \"Done\"\ntext = \"t\"\n");
        let s = load(&t);
        let svg = map::svg(&s, None);
        for i in 0..n {
            let needle = format!("data-id=\"n{i}\"");
            prop_assert!(svg.contains(&needle), "{} is not drawn", needle);
        }
        let edges = s.nodes.iter().flat_map(|n| &n.choices).map(|c| 1 + c.branches.len()).sum::<usize>();
        prop_assert_eq!(count(&svg, "<g class=\"map-edge "), edges);
        prop_assert!(layout::gv::DotParser::new(&map::dot(&s, None)).process().is_ok());
        prop_assert_eq!(count(&map::mermaid(&s, None), " -->|"), edges);
    }
}
