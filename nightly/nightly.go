package nightly

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"time"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/crawl"
	"github.com/thidua/thidua/extract"
)

// DefaultData is the data directory when Options.Data is empty.
const DefaultData = "thidua-data"

// Options configure a night. The zero value crawls the shipped sources into
// ./thidua-data.
type Options struct {
	// Data is the data directory: the crawl's state and archive, the
	// records and index, the run reports and the lock.
	Data string
	// Sources are the sites to crawl; nil means crawl.DefaultSources().
	Sources *crawl.Sources
	// Crawl are further crawl options (sites, page limit, delay, transport,
	// progress ...); Run adds its own WithArticle.
	Crawl []crawl.Option
	// Log receives the corpus's notices (an index rebuilt on open); nil
	// discards them.
	Log io.Writer
	// Now is the clock of the report's times; nil means time.Now.
	Now func() time.Time
	// Hold is how long the corpus stays open after the night's last write
	// (0 means DefaultHold); readers such as `thidua serve` get in between.
	Hold time.Duration
	// Progress, when set, is told how far the night (or Reextract) is: at
	// the start of each phase, after every archived article a phase
	// extracts, after every fetch of the crawl and at the end of the
	// crawl with the report's counts. Calls are never concurrent, and
	// within a phase no count but Pending goes down. It is called from
	// the goroutine doing the work, during a re-extraction with the
	// corpus open, so it must return quickly (a terminal bar throttles its
	// redraws). It replaces a crawl.WithProgress given in Crawl.
	Progress func(Progress)
}

func (o Options) data() string {
	if o.Data == "" {
		return DefaultData
	}
	return o.Data
}

func (o Options) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

func (o Options) sources() (*crawl.Sources, error) {
	if o.Sources != nil {
		return o.Sources, nil
	}
	return crawl.DefaultSources()
}

// Run status values of a Report.
const (
	StatusOK          = "ok"          // the night finished without errors
	StatusErrors      = "errors"      // the night finished; some fetches or pages failed
	StatusInterrupted = "interrupted" // ctx was cancelled; the next run resumes
	StatusFailed      = "failed"      // the night could not go on (store, archive, sources)
)

// Report is what a night did, as written to <data>/runs/<start>.json.
type Report struct {
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	Status   string    `json:"status"`
	Error    string    `json:"error,omitempty"`
	// Extractor is the extractor version the records were made with.
	Extractor string `json:"extractor"`
	// TookOverPID is the pid of a run that died holding the lock, when
	// this run found its lock file.
	TookOverPID int `json:"took_over_pid,omitempty"`
	// Resumed says the crawl continued an interrupted one.
	Resumed bool `json:"resumed"`

	Pages       int   `json:"pages"`        // responses fetched
	NotModified int   `json:"not_modified"` // 304 answers
	Requests    int64 `json:"requests"`
	Bytes       int64 `json:"bytes"`
	// Articles are the new or changed articles the crawl handed over.
	Articles       int `json:"articles"`
	NewRecords     int `json:"new_records"`
	ChangedRecords int `json:"changed_records"`
	// UnchangedRecords are articles whose record came out as stored (a
	// page whose text changed only outside what the rules read, or a page
	// handed again after a kill).
	UnchangedRecords int `json:"unchanged_records"`
	// Errors counts failures by kind: the crawl's ("timeout", "http-503",
	// "trap", "robots" ...), "extract" and "store".
	Errors map[string]int `json:"errors"`
	// FetchErrors are the crawl's final fetch failures (robots.txt refusals,
	// traps and missing sitemaps that robots.txt names are the sites'
	// choice and the crawler's, not failures).
	FetchErrors int `json:"fetch_errors"`
	// Retried are the pages of earlier nights whose record could not be
	// made or stored (PendingFile), extracted again from the archive first;
	// their outcomes are counted with the night's articles.
	Retried int `json:"retried,omitempty"`
	// Pending are the pages left for the next night (PendingFile).
	Pending int `json:"pending,omitempty"`
	// Reextracted is set when the extractor version changed since the last
	// night and the archive was extracted again first.
	Reextracted *ReextractReport `json:"reextracted,omitempty"`

	// File is where the report was written ("" when it could not be).
	File string `json:"-"`
}

// ErrorCount is the number of failures: fetches, extractions and stores.
func (r Report) ErrorCount() int {
	return r.FetchErrors + r.Errors[ErrKindExtract] + r.Errors[ErrKindStore]
}

// Run runs one night in o.Data: it takes the lock (a *LockedError, which
// wraps ErrLocked, when another run holds it; nothing else is done then),
// re-extracts the archive when the extractor version changed since the last
// night, crawls, extracts every new or changed article and stores its
// record, and writes the report. The report is returned and written even
// when the night fails or is interrupted; the error is for what stopped it.
func Run(ctx context.Context, o Options) (rep Report, err error) {
	dir := o.data()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return rep, fmt.Errorf("nightly: data directory: %w", err)
	}
	lk, err := acquire(dir)
	if err != nil {
		return rep, err
	}
	defer func() {
		if uerr := lk.release(); uerr != nil && err == nil {
			err = uerr
		}
	}()
	rep = Report{Started: o.now(), Extractor: extract.Version, TookOverPID: lk.stale, Errors: map[string]int{}}
	defer func() {
		rep.Finished = o.now()
		switch {
		case errors.Is(err, context.Canceled):
			rep.Status = StatusInterrupted
		case err != nil:
			rep.Status = StatusFailed
		case rep.ErrorCount() > 0:
			rep.Status = StatusErrors
		default:
			rep.Status = StatusOK
		}
		if err != nil {
			rep.Error = err.Error()
		}
		file, werr := writeReport(dir, rep)
		rep.File = file
		if werr != nil && err == nil {
			err = werr
		}
	}()
	src, err := o.sources()
	if err != nil {
		return rep, fmt.Errorf("nightly: %w", err)
	}
	w := newWriter(dir, corpus.Options{Log: o.Log}, o.Hold)
	// Open once before the crawl, so that a data directory that cannot hold
	// records stops the night before it fetches anything.
	if err := w.with(func(*corpus.Corpus) error { return nil }); err != nil {
		return rep, fmt.Errorf("nightly: %w", err)
	}
	defer func() {
		if cerr := w.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("nightly: %w", cerr)
		}
	}()
	var t tally
	var failed pendingList
	r := newReporter(o.Progress)
	pending, err := readPending(dir)
	if err != nil {
		return rep, err
	}
	if prev, ok, err := lastExtractor(dir); err != nil {
		return rep, err
	} else if ok && prev != extract.Version {
		var rr ReextractReport
		var bad []pendingPage
		err := w.with(func(c *corpus.Corpus) (err error) {
			rr, bad, err = reextract(ctx, c, dir, src, r)
			return err
		})
		rep.Reextracted = &rr
		if err != nil {
			return rep, err
		}
		// The archive's pages that failed are pending like the night's;
		// the archive counts as extracted with this version.
		if err := writePending(dir, mergePending(pending, bad)); err != nil {
			return rep, err
		}
		if err := saveExtractor(dir, extract.Version); err != nil {
			return rep, err
		}
		pending = nil // all extracted just now: left for the next night
		failed.pages = mergePending(failed.pages, bad)
	}
	if len(pending) > 0 {
		rep.Retried = len(pending)
		var still []pendingPage
		err := w.with(func(c *corpus.Corpus) (err error) {
			still, err = retryPending(ctx, c, dir, pending, &t, r)
			return err
		})
		failed.pages = still
		if err != nil {
			return rep, err
		}
	}
	defer func() {
		rep.Pending = len(failed.pages)
		if perr := writePending(dir, failed.pages); perr != nil && err == nil {
			err = perr
		}
	}()
	opts := append(append([]crawl.Option(nil), o.Crawl...), crawl.WithArticle(func(p crawl.Page) {
		doc := extract.Document{URL: p.Canonical, HTML: p.HTML}
		var out Outcome
		var kind string
		err := w.with(func(c *corpus.Corpus) (err error) {
			out, kind, err = store(c, doc, p.Province)
			return err
		})
		if err != nil && kind == "" {
			kind = ErrKindStore
		}
		t.count(out, err, kind)
		if err != nil {
			failed.add(pendingPage{URL: p.Canonical, Province: p.Province, Location: p.Location, Error: err.Error()})
		}
	}))
	if r != nil {
		opts = append(opts, crawl.WithProgress(r.fetched(&t)))
	}
	r.counted(PhaseCrawl, 0, &t)
	cr, err := crawl.New(src, dir, opts...)
	if err != nil {
		return rep, fmt.Errorf("nightly: %w", err)
	}
	sum, err := cr.Run(ctx)
	rep.Resumed, rep.Pages, rep.NotModified = sum.Resumed, sum.Fetched, sum.NotModified
	rep.Requests, rep.Bytes = sum.Requests, sum.Bytes
	maps.Copy(rep.Errors, sum.Errors)
	rep.FetchErrors = sum.ErrorCount()
	t.mu.Lock()
	rep.Articles, rep.NewRecords, rep.ChangedRecords, rep.UnchangedRecords = t.pages, t.added, t.changed, t.same
	maps.Copy(rep.Errors, t.errors)
	t.mu.Unlock()
	r.crawled(rep)
	if err != nil {
		return rep, fmt.Errorf("nightly: %w", err)
	}
	// The pages that failed are pending (PendingFile): the archive counts
	// as extracted with this version.
	if err := saveExtractor(dir, extract.Version); err != nil {
		return rep, err
	}
	return rep, nil
}

// extractorFile holds the extractor version of the last complete night.
const extractorFile = "extractor.version"

func lastExtractor(dir string) (string, bool, error) {
	b, err := os.ReadFile(filepath.Join(dir, extractorFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("nightly: %w", err)
	}
	return string(trimNL(b)), true, nil
}

func saveExtractor(dir, v string) error {
	if err := writeFileAtomic(filepath.Join(dir, extractorFile), []byte(v+"\n")); err != nil {
		return fmt.Errorf("nightly: %w", err)
	}
	return nil
}

func trimNL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
