package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/thidua/thidua/corpus"
	"golang.org/x/term"
)

// corpusCommands are the commands over the records: index, import, query,
// compare, search, dump (corpus_data.go, corpus_questions.go).
func corpusCommands() []*cobra.Command {
	return []*cobra.Command{
		newIndexCmd(), newImportCmd(), newQueryCmd(), newCompareCmd(), newSearchCmd(), newDumpCmd(),
	}
}

const defaultDataDir = "./thidua-data"

// addDataFlag adds --data to a command.
func addDataFlag(cmd *cobra.Command, dir *string) {
	cmd.Flags().StringVar(dir, "data", defaultDataDir, "data directory (default: $THIDUA_DATA, else "+defaultDataDir+")")
}

// dataDir is the flag when given, else THIDUA_DATA, else the default: the
// environment never overrides an explicit flag.
func dataDir(cmd *cobra.Command, flag string) string {
	if cmd.Flags().Changed("data") {
		return flag
	}
	if env := os.Getenv("THIDUA_DATA"); env != "" {
		return env
	}
	return flag
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// openCorpus opens the data directory with notices (and a progress bar on
// a terminal) on stderr, for an index rebuilt on open.
func openCorpus(cmd *cobra.Command, flag string) (*corpus.Corpus, error) {
	stderr := cmd.ErrOrStderr()
	return corpus.Open(dataDir(cmd, flag), corpus.Options{Log: stderr, Progress: progress(stderr, "indexing")})
}

// openReader opens the data directory for a question (query, compare,
// search, dump): read-only, so that it runs beside thidua serve and other
// readers. When the read-only open fails for a reason other than a busy
// store (no store yet), or the index is missing or behind the records, it
// opens read-write as openCorpus does, which builds the index.
func openReader(cmd *cobra.Command, flag string) (*corpus.Corpus, error) {
	c, err := corpus.Open(dataDir(cmd, flag), corpus.Options{ReadOnly: true})
	if errors.Is(err, corpus.ErrBusy) {
		return nil, err
	}
	if err == nil {
		ig, ierr := c.IndexGeneration()
		g, gerr := c.Generation()
		if ierr == nil && gerr == nil && ig == g {
			return c, nil
		}
		if err := c.Close(); err != nil {
			return nil, err
		}
	}
	return openCorpus(cmd, flag)
}

// readerWithFilter reads the filter flags and opens the corpus to read.
func readerWithFilter(cmd *cobra.Command, dir string, ff *filterFlags) (*corpus.Corpus, corpus.Filter, error) {
	f, err := ff.filter()
	if err != nil {
		return nil, f, err
	}
	c, err := openReader(cmd, dir)
	return c, f, err
}

// progress returns a callback drawing a progress bar on a terminal, or nil.
func progress(w io.Writer, what string) func(done, total int) {
	if !isTerminal(w) {
		return nil
	}
	var bar *progressbar.ProgressBar
	return func(done, total int) {
		if bar == nil {
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
				progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
		}
		bar.Set(done)
	}
}

// importProgress draws a progress bar of the bytes of f read so far, with
// the lines imported, on a terminal: it returns the reader to import from,
// the callback for Import and a function that ends the bar. Elsewhere it
// returns f, nil and a no-op.
func importProgress(w io.Writer, f *os.File, name string) (io.Reader, func(lines int), func()) {
	fi, err := f.Stat()
	if !isTerminal(w) || err != nil || !fi.Mode().IsRegular() {
		return f, nil, func() {}
	}
	bar := progressbar.NewOptions64(fi.Size(), progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(name),
		progressbar.OptionShowBytes(true), progressbar.OptionClearOnFinish())
	lines := func(n int) { bar.Describe(fmt.Sprintf("%s: %d lines", name, n)) }
	return io.TeeReader(f, bar), lines, func() { bar.Finish() }
}

// filterFlags are the selection flags shared by search, dump and the questions.
type filterFlags struct {
	province, province2025, years, unit, event, level, text string
	all                                                     bool
}

func (ff *filterFlags) add(cmd *cobra.Command, withUnit bool) {
	fs := cmd.Flags()
	fs.StringVar(&ff.province, "province", "", "only this province (as it was at the event), with or without diacritics")
	fs.StringVar(&ff.province2025, "province-2025", "", "only this post-merger (2025) province")
	fs.StringVar(&ff.years, "year", "", "only these years: 2021 or 2018..2021")
	if withUnit {
		fs.StringVar(&ff.unit, "unit", "", `only records listing this unit ("Biên phòng", "BĐBP", "border-guard")`)
	}
	fs.StringVar(&ff.event, "event", "", "only this event type: signing, launch, review, activity, decision")
	fs.StringVar(&ff.level, "level", "", "only this bloc level: province, district, ministry")
	fs.StringVar(&ff.text, "text", "", "only records matching this query string")
}

func (ff *filterFlags) filter() (corpus.Filter, error) {
	f := corpus.Filter{Province: ff.province, Province2025: ff.province2025, Unit: ff.unit,
		EventType: ff.event, Level: ff.level, Text: ff.text, All: ff.all}
	var err error
	if f.YearFrom, f.YearTo, err = corpus.ParseYears(ff.years); err != nil {
		return f, fmt.Errorf("--year %q: %w", ff.years, err)
	}
	return f, nil
}

// outputFlag adds --format for answers.
func outputFlag(cmd *cobra.Command, format *string) {
	cmd.Flags().StringVar(format, "format", corpus.OutTable, "output: table, json, csv or md")
}

func renderOptions(w io.Writer, format string) corpus.RenderOptions {
	return corpus.RenderOptions{Format: format, Color: isTerminal(w)}
}
