package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/spf13/cobra"
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
	f.BoolVar(&o.quiet, "quiet", false, "no logs, only the report")
	return cmd
}

func runNightly(cmd *cobra.Command, o nightlyFlags) error {
	src, err := loadCrawlSources(o.sources)
	if err != nil {
		return &exitError{1, err}
	}
	opts := nightly.Options{Data: dataDir(cmd, o.data), Sources: src, Log: cmd.ErrOrStderr(),
		Crawl: []crawl.Option{crawl.WithSites(o.sites...), crawl.WithMaxPages(o.maxPages)}}
	if !o.quiet {
		opts.Crawl = append(opts.Crawl, crawl.WithLogger(slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))))
	}
	rep, err := nightly.Run(cmd.Context(), opts)
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
records. It takes the nightly lock (exit 5 when a night is running).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := loadCrawlSources(sources)
			if err != nil {
				return &exitError{1, err}
			}
			rr, err := nightly.Reextract(cmd.Context(), nightly.Options{Data: dataDir(cmd, data), Sources: src, Log: cmd.ErrOrStderr()})
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
		Long: `Demo serves the fixture sites (--sites, by default ./testdata/sites of a
checkout) on loopback, runs a night against them into a temporary data
directory (or --data) and answers which provinces' Nội chính blocs include
the unit (--unit, by default Biên phòng: the border guard). No network.`,
		Example: `  thidua demo
  thidua demo --unit "Sở Tư pháp"`,
		RunE: func(cmd *cobra.Command, args []string) error {
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
	f.StringVar(&o.Sites, "sites", nightly.DefaultDemoSites, "fixture site tree `DIR` with its sources.toml")
	f.StringVar(&o.Data, "data", "", "data `DIR` (default: a new temporary directory)")
	f.StringVar(&o.Unit, "unit", "", "the member unit asked about (default: Biên phòng)")
	return cmd
}
