// Package nightly is the job that cron or a systemd timer runs every night:
// crawl the sites incrementally, extract the new and changed articles, put
// their records into the corpus (records and index) and write a run report.
// It wires the three stages (crawl → extract → corpus) and adds nothing to
// them but the lock, the report and re-extraction from the archive.
//
//	rep, err := nightly.Run(ctx, nightly.Options{Data: "/srv/thidua"})
//
// Files:
//   - nightly.go: Options, Report, Run (the night: lock, crawl, extract, put).
//   - lock.go: the run lock, flock(2) on <data>/nightly.lock holding the pid;
//     ErrLocked and LockedError; Running, for thidua status.
//   - report.go: the run report, written atomically to
//     <data>/runs/<start time>.json, and Reports, which reads the last ones.
//   - reextract.go: Reextract, every archived article extracted again with
//     the current extractor, without fetching anything.
//   - record.go: extraction of one page (a panic of the extractor is
//     counted, not fatal) and the comparison with the stored record (new,
//     changed, unchanged).
//   - pending.go: PendingFile, the archived articles whose record could not
//     be made or stored, extracted again from the archive the next night.
//   - progress.go: Progress and its phases, what Options.Progress is told
//     as a night or Reextract goes, for a progress bar.
//   - render.go: WriteReport and WriteRuns, for the command line.
//   - demo.go: Demo, a night over the fixture sites served on loopback and
//     the answer to "which provinces include Biên phòng".
//
// README.md here shows the crontab line and the systemd service and timer.
//
// Durability: a page is extracted and its record stored inside the crawl's
// WithArticle callback, which runs before the crawl marks the URL done. A run
// killed at any point therefore never loses a record whose page the crawl
// considers done; the next run resumes the crawl, and a page handed twice
// gives the same record (counted as unchanged). The lock is an flock, which
// the kernel releases when its holder dies, so a lock file left by a killed
// run is taken over by the next one (the report says whose).
package nightly
