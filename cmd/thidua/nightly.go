package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/thidua/thidua"
	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/crawl"
	"github.com/thidua/thidua/nightly"
)

// exitLocked is the exit code of a night that found another one running.
const exitLocked = 5

// nightlyCommands are the scheduled job and its companions: nightly,
// status, reextract, demo.
func nightlyCommands() []*cobra.Command {
	return []*cobra.Command{newNightlyCmd(), newStatusCmd(), newReextractCmd(), newDemoCmd()}
}

// nightlyFlags are the flags of `thidua nightly`.
type nightlyFlags struct {
	data, sources string
	sites         []string
	maxPages      int
	quiet         bool
}

func newNightlyCmd() *cobra.Command {
	var o nightlyFlags
	cmd := &cobra.Command{
		Use:   "nightly",
		Short: "Crawl, extract the new and changed articles, update records and index, write a run report",
		Long: `Nightly is what cron or a systemd timer runs: it crawls the sources
incrementally, extracts every new or changed article, stores the records and
updates the index, and writes a report to DATA/runs/<time>.json (see thidua
status). A lock (DATA/nightly.lock) stops a second run while one is going; a
lock left by a killed run is taken over, and its crawl resumes. When the
extractor version changed since the last night, the archive is extracted
again first, without fetching.

Output: the report on stdout. On a terminal, stderr shows a progress line,
the phase and its counts ("crawl: 35 fetched, 120 pending, 2 errors, 11
records"), with the crawl's log lines above it; it is cleared before the
report. Elsewhere (cron, a pipe) there is no progress line, only the log
lines. With --quiet neither: stderr has only the final error, if any, and
the record store's notices (an index rebuilt).

Exit status:
  0    the night finished without errors
  1    bad usage or a bad sources file
  3    the night finished, but some fetches or pages failed (see the report)
  4    the night could not run (data directory, state store, archive, records)
  5    another run holds the data directory; nothing was done
  130  interrupted (the next run resumes)`,
		Example: `  thidua nightly --data /srv/thidua --quiet
  # crontab: every night at 02:17
  17 2 * * * thidua nightly --data /srv/thidua --quiet`,
		RunE: func(cmd *cobra.Command, args []string) error { return runNightly(cmd, o) },
	}
	addDataFlag(cmd, &o.data)
	f := cmd.Flags()
	f.StringVar(&o.sources, "sources", "", "sources `FILE` (default: the shipped sources)")
	f.StringArrayVar(&o.sites, "site", nil, "crawl only site `NAME` (repeatable)")
	f.IntVar(&o.maxPages, "max-pages", 0, "stop the crawl after `N` fetches (0: no limit)")
	f.BoolVar(&o.quiet, "quiet", false, "no progress line or logs, only the report")
	return cmd
}

func runNightly(cmd *cobra.Command, o nightlyFlags) error {
	src, err := loadCrawlSources(o.sources)
	if err != nil {
		return &exitError{1, err}
	}
	opts := nightly.Options{Data: dataDir(cmd, o.data), Sources: src, Log: cmd.ErrOrStderr(),
		Crawl: []crawl.Option{crawl.WithSites(o.sites...), crawl.WithMaxPages(o.maxPages)}}
	var bar *nightBar
	if !o.quiet {
		bar = terminalBar(&opts)
		opts.Crawl = append(opts.Crawl, crawl.WithLogger(slog.New(slog.NewTextHandler(opts.Log, nil))))
	}
	rep, err := nightly.Run(cmd.Context(), opts)
	bar.finish()
	if errors.Is(err, nightly.ErrLocked) {
		return &exitError{exitLocked, err}
	}
	if !rep.Started.IsZero() {
		if werr := nightly.WriteReport(cmd.OutOrStdout(), rep); werr != nil && err == nil {
			err = werr
		}
	}
	switch {
	case errors.Is(err, context.Canceled):
		return &exitError{exitInterrupted, errors.New("nightly interrupted; the next run resumes")}
	case err != nil:
		return &exitError{exitCrawlCannotRun, err}
	case rep.ErrorCount() > 0:
		return &exitError{exitCrawlFetchErrors, fmt.Errorf("night finished with %d errors", rep.ErrorCount())}
	}
	return nil
}

func newStatusCmd() *cobra.Command {
	var (
		data   string
		last   int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:     "status",
		Short:   "Show the last nightly runs",
		Example: `  thidua status --data /srv/thidua --last 7`,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := dataDir(cmd, data)
			reps, err := nightly.Reports(dir, last)
			if err != nil {
				return err
			}
			if pid, ok, err := nightly.Running(dir); err != nil {
				return err
			} else if ok && !asJSON {
				fmt.Fprintf(cmd.OutOrStdout(), "a night is running now (pid %d)\n", pid)
			}
			if len(reps) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), "no nightly run yet")
				return nil
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(reps)
			}
			return nightly.WriteRuns(cmd.OutOrStdout(), reps)
		},
	}
	addDataFlag(cmd, &data)
	cmd.Flags().IntVar(&last, "last", 10, "show the last `N` runs (0: all)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "write the reports as a JSON array, newest first")
	return cmd
}

func newReextractCmd() *cobra.Command {
	var data, sources string
	cmd := &cobra.Command{
		Use:   "reextract",
		Short: "Extract every archived article again with the current extractor (no refetch)",
		Long: `Reextract reads every article the crawl archived (DATA/warc) back, extracts
it with this binary's extractor and stores the records that changed. Nothing
is fetched. nightly does this by itself when the extractor version changed;
run it by hand after changing the sources' provinces, or to rebuild lost
records. It takes the nightly lock (exit 5 when a night is running). On a
terminal, a bar on stderr shows the articles re-extracted out of the
archive's, cleared before the summary.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := loadCrawlSources(sources)
			if err != nil {
				return &exitError{1, err}
			}
			opts := nightly.Options{Data: dataDir(cmd, data), Sources: src, Log: cmd.ErrOrStderr()}
			bar := terminalBar(&opts)
			rr, err := nightly.Reextract(cmd.Context(), opts)
			bar.finish()
			if errors.Is(err, nightly.ErrLocked) {
				return &exitError{exitLocked, err}
			}
			if err != nil && rr.Articles == 0 {
				return &exitError{exitCrawlCannotRun, err}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d articles re-extracted with %s: %d new, %d changed, %d unchanged records; errors %v\n",
				rr.Articles, rr.Extractor, rr.NewRecords, rr.ChangedRecords, rr.UnchangedRecords, rr.Errors)
			return err
		},
	}
	addDataFlag(cmd, &data)
	cmd.Flags().StringVar(&sources, "sources", "", "sources `FILE` the archive was crawled with (for the sites' provinces; default: the shipped sources)")
	return cmd
}

func newDemoCmd() *cobra.Command {
	var o nightly.DemoOptions
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Crawl the fixture sites offline and answer \"which provinces include Biên phòng\"",
		Long: `Demo serves the fixture sites (--sites, by default the copy of the
repository's testdata/sites built into the binary) on loopback, runs a night
against them into a temporary data directory (or --data) and answers which
provinces' Nội chính blocs include the unit (--unit, by default Biên phòng:
the border guard). No network.`,
		Example: `  thidua demo
  thidua demo --unit "Sở Tư pháp"`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.Sites == "" {
				o.SitesFS = thidua.DemoSites()
			}
			res, err := nightly.Demo(cmd.Context(), o)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "crawled %d pages, made %d records in %s\n\n", res.Report.Pages, res.Report.NewRecords, res.Data)
			if err := corpus.WriteMatrix(w, res.Answer, corpus.RenderOptions{Color: isTerminal(w)}); err != nil {
				return err
			}
			fmt.Fprintf(w, "\nProvinces whose bloc includes %s: %s\n", res.Answer.UnitName, strings.Join(res.Answer.Member, ", "))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Sites, "sites", "", "fixture site tree `DIR` with its sources.toml (default: the built-in copy of testdata/sites)")
	f.StringVar(&o.Data, "data", "", "data `DIR` (default: a new temporary directory)")
	f.StringVar(&o.Unit, "unit", "", "the member unit asked about (default: Biên phòng)")
	return cmd
}

// barRedraw is how often the progress line of a night is redrawn.
const barRedraw = 100 * time.Millisecond

// terminalBar draws the progress of a night on o.Log when it is a terminal:
// it sets o.Progress, sends o.Log through the bar and returns the bar. It
// returns nil and leaves o as it was elsewhere.
func terminalBar(o *nightly.Options) *nightBar {
	if !isTerminal(o.Log) {
		return nil
	}
	b := newNightBar(o.Log, barRedraw)
	o.Progress, o.Log = b.progress, b
	return b
}

// nightBar draws the progress of a night or a re-extraction on a terminal:
// one line with the phase and its counts, a bar when the phase's total is
// known and a spinner otherwise. Progress only records the counts (it is
// called after every page); a ticker draws the latest ones. Lines written
// to a nightBar (the logs) go above the progress line. A nil *nightBar
// draws nothing.
type nightBar struct {
	w    io.Writer
	stop chan struct{}
	done chan struct{}

	mu     sync.Mutex
	p      nightly.Progress // the latest counts
	seen   bool             // p was set
	bar    *progressbar.ProgressBar
	phase  nightly.Phase // of bar
	total  int           // of bar
	closed bool
}

// newNightBar returns a bar drawing on w every redraw (0: only when draw
// is called, for tests).
func newNightBar(w io.Writer, redraw time.Duration) *nightBar {
	b := &nightBar{w: w, stop: make(chan struct{}), done: make(chan struct{})}
	if redraw <= 0 {
		close(b.done)
		return b
	}
	go func() {
		defer close(b.done)
		t := time.NewTicker(redraw)
		defer t.Stop()
		for {
			select {
			case <-b.stop:
				return
			case <-t.C:
				b.draw()
			}
		}
	}()
	return b
}

// progress is nightly.Options.Progress.
func (b *nightBar) progress(p nightly.Progress) {
	b.mu.Lock()
	b.p, b.seen = p, true
	b.mu.Unlock()
}

// draw draws the latest counts, on a new bar when the phase or its total
// changed.
func (b *nightBar) draw() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.drawLocked()
}

func (b *nightBar) drawLocked() {
	p := b.p
	if b.closed || !b.seen {
		return
	}
	if b.bar == nil || p.Phase != b.phase || p.Total != b.total {
		if b.bar != nil {
			_ = b.bar.Clear()
		}
		opts := []progressbar.Option{progressbar.OptionSetWriter(b.w), progressbar.OptionClearOnFinish()}
		if p.Total > 0 {
			opts = append(opts, progressbar.OptionShowCount(), progressbar.OptionFullWidth())
			b.bar = progressbar.NewOptions(p.Total, opts...)
		} else {
			// The spinner turns at each draw, not on a goroutine of its own
			// that would write between a log line and its clearing.
			opts = append(opts, progressbar.OptionSpinnerType(14), progressbar.OptionSetSpinnerChangeInterval(0))
			b.bar = progressbar.NewOptions(-1, opts...)
		}
		b.phase, b.total = p.Phase, p.Total
	}
	if p.Total > 0 {
		_ = b.bar.Set(min(p.Articles, p.Total))
	}
	b.bar.Describe(describeProgress(p))
}

// describeProgress is the text of the progress line: the phase and its
// counts ("crawl: 35 fetched, 120 pending, 2 errors, 11 records").
func describeProgress(p nightly.Progress) string {
	switch {
	case p.Phase == nightly.PhaseCrawl:
		return fmt.Sprintf("%s: %d fetched, %d pending, %d errors, %d records", p.Phase, p.Fetches, p.Pending, p.Errors, p.Records)
	case p.Total > 0: // the bar shows articles/total
		return fmt.Sprintf("%s: %d errors, %d records", p.Phase, p.Errors, p.Records)
	default:
		return fmt.Sprintf("%s: %d articles, %d errors, %d records", p.Phase, p.Articles, p.Errors, p.Records)
	}
}

// Write writes a log line above the progress line.
func (b *nightBar) Write(line []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil && !b.closed {
		_ = b.bar.Clear()
	}
	n, err := b.w.Write(line)
	b.drawLocked()
	return n, err
}

// finish stops drawing and clears the progress line, before the report
// is written.
func (b *nightBar) finish() {
	if b == nil {
		return
	}
	close(b.stop)
	<-b.done
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil && !b.closed {
		_ = b.bar.Clear()
	}
	b.closed = true
}
