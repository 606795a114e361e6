//! The CPD log's numbers, worked out once for both the page and the Markdown download, so
//! the header total is always the sum of the rows: each finished play counts its whole
//! minutes of active time, and the total adds those same minutes. A "what if" branch is
//! listed with its time, but it is not another scenario completed.

use super::{date_of, JournalEntry, PlayRecord, Progress};

/// One finished play, as a row of the log.
#[derive(Debug, Clone, PartialEq)]
pub struct CpdRow {
    pub id: String,
    pub date: String,
    pub title: String,
    /// A "what if" branch of another play.
    pub what_if: bool,
    /// Whole minutes of active time (the seconds past the last full minute are not counted
    /// here, nor in the total).
    pub minutes: u32,
    /// The patterns the play's responses risked, by name, sorted, each once.
    pub patterns: Vec<String>,
}

impl CpdRow {
    /// The row's time as h:mm, or "under 1 min" for a play shorter than a minute.
    pub fn time(&self) -> String {
        time_spent(self.minutes * 60)
    }

    /// The scenario's title, with "(what if)" after a branch.
    pub fn label(&self) -> String {
        if self.what_if {
            format!("{} (what if)", self.title)
        } else {
            self.title.clone()
        }
    }

    pub fn patterns_text(&self) -> String {
        if self.patterns.is_empty() {
            "none risked".into()
        } else {
            self.patterns.join(", ")
        }
    }
}

/// Every finished play with its time, and the totals made from those same rows.
#[derive(Debug, Clone, PartialEq)]
pub struct CpdLog {
    pub rows: Vec<CpdRow>,
    /// Finished plays that are not "what if" branches.
    pub completed: usize,
    /// Finished "what if" branches.
    pub branches: usize,
    /// The sum of the rows' minutes.
    pub minutes: u32,
}

impl CpdLog {
    /// The header: scenarios completed, branches explored, and the time as h:mm.
    pub fn summary(&self) -> String {
        let branches = match self.branches {
            0 => String::new(),
            1 => " One “what if” branch was also explored (listed, not counted as a scenario completed).".into(),
            n => format!(" {n} “what if” branches were also explored (listed, not counted as scenarios completed)."),
        };
        format!(
            "Scenarios completed: {}.{branches} Time spent: {} (hours:minutes).",
            self.completed,
            hm(self.minutes)
        )
    }
}

/// Active time as the log shows it: whole minutes as h:mm, or "under 1 min".
pub fn time_spent(seconds: u32) -> String {
    match seconds / 60 {
        0 => "under 1 min".into(),
        minutes => hm(minutes),
    }
}

/// Minutes as `h:mm`.
pub fn hm(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

fn row(p: &PlayRecord, pattern_name: &impl Fn(&str) -> String) -> CpdRow {
    let mut patterns: Vec<String> = p.patterns.iter().map(|id| pattern_name(id)).collect();
    patterns.sort();
    patterns.dedup();
    CpdRow {
        id: p.id.clone(),
        date: date_of(p.started),
        title: p.scenario_title.clone(),
        what_if: p.branch_of.is_some(),
        minutes: p.active_seconds / 60,
        patterns,
    }
}

impl Progress {
    /// The CPD log's rows (finished plays, oldest first) and totals.
    pub fn cpd_log(&self, pattern_name: impl Fn(&str) -> String) -> CpdLog {
        let mut finished: Vec<&PlayRecord> = self.plays.iter().filter(|p| p.finished()).collect();
        finished.sort_by(|a, b| a.started.total_cmp(&b.started));
        let rows: Vec<CpdRow> = finished.iter().map(|p| row(p, &pattern_name)).collect();
        let branches = rows.iter().filter(|r| r.what_if).count();
        CpdLog {
            completed: rows.len() - branches,
            branches,
            minutes: rows.iter().map(|r| r.minutes).sum(),
            rows,
        }
    }

    /// A Markdown CPD log: finished plays, time, patterns explored and chosen reflections.
    pub fn cpd_markdown(&self, today: &str, pattern_name: impl Fn(&str) -> String) -> String {
        let log = self.cpd_log(pattern_name);
        let mut md = format!(
            "# CPD log: Attune practice\n\nExported {today}.\n\n{}\n\n## Scenarios\n\n| Date | Scenario | Time (h:mm) | Patterns explored |\n|---|---|---|---|\n",
            log.summary()
        );
        for r in &log.rows {
            md.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                r.date,
                r.label().replace('|', "/"),
                r.time(),
                r.patterns_text().replace('|', "/")
            ));
        }
        md.push_str(&format!("| | **Total** | **{}** | |\n", hm(log.minutes)));
        let chosen: Vec<&JournalEntry> = self.journal.iter().filter(|j| j.in_cpd).collect();
        md.push_str("\n## Reflections\n\n");
        if chosen.is_empty() {
            md.push_str("No reflections were chosen for this log.\n");
        }
        for j in chosen {
            md.push_str(&format!(
                "### {} · {} · {}\n\n{}\n\n",
                date_of(j.created),
                j.scenario_title,
                j.context,
                j.text.trim()
            ));
        }
        md
    }
}
