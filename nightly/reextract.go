package nightly

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/crawl"
	"github.com/thidua/thidua/crawl/warc"
	"github.com/thidua/thidua/extract"
)

// ReextractReport says what a re-extraction of the archive did.
type ReextractReport struct {
	Extractor        string         `json:"extractor"`
	Articles         int            `json:"articles"` // archived articles extracted
	NewRecords       int            `json:"new_records"`
	ChangedRecords   int            `json:"changed_records"`
	UnchangedRecords int            `json:"unchanged_records"`
	Errors           map[string]int `json:"errors"` // "extract", "store"
}

// Reextract extracts every archived article of o.Data again with the
// current extractor and stores the records that changed, without fetching
// anything: the article each URL state points to (its last fetch) is read
// back from the WARC archive. Pages that fail are added to PendingFile for
// the next night. It takes the run lock as Run does.
func Reextract(ctx context.Context, o Options) (rr ReextractReport, err error) {
	dir := o.data()
	if _, err := os.Stat(dir); err != nil {
		return rr, fmt.Errorf("nightly: data directory: %w", err)
	}
	lk, err := acquire(dir)
	if err != nil {
		return rr, err
	}
	defer func() {
		if uerr := lk.release(); uerr != nil && err == nil {
			err = uerr
		}
	}()
	src, err := o.sources()
	if err != nil {
		return rr, fmt.Errorf("nightly: %w", err)
	}
	c, err := corpus.Open(dir, corpus.Options{Log: o.Log})
	if err != nil {
		return rr, fmt.Errorf("nightly: %w", err)
	}
	defer func() {
		if cerr := c.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("nightly: %w", cerr)
		}
	}()
	rr, failed, err := reextract(ctx, c, dir, src, newReporter(o.Progress))
	if err != nil {
		return rr, err
	}
	// The pages that failed wait in the pending list, with those of the
	// nights before; the archive counts as extracted with this version.
	pending, err := readPending(dir)
	if err != nil {
		return rr, err
	}
	if err := writePending(dir, mergePending(pending, failed)); err != nil {
		return rr, err
	}
	return rr, saveExtractor(dir, extract.Version)
}

// archived is an article to extract from the archive.
type archived struct {
	url      string // the canonical URL the record is made under
	province string
}

// reextract extracts the archived articles and returns the pages that
// failed; r is told PhaseReextract's progress.
func reextract(ctx context.Context, c *corpus.Corpus, dir string, src *crawl.Sources, r *reporter) (ReextractReport, []pendingPage, error) {
	rr := ReextractReport{Extractor: extract.Version, Errors: map[string]int{}}
	var t tally
	r.counted(PhaseReextract, 0, &t)
	if _, err := os.Stat(filepath.Join(dir, "crawl", "state.db")); errors.Is(err, os.ErrNotExist) {
		return rr, nil, nil // nothing was ever crawled here
	}
	// The articles, by the archive location of their last fetch: the
	// canonical URL and the site's province. Duplicates are left out as
	// the crawl leaves them out.
	want := map[warc.Location]archived{}
	seen := map[string]bool{}
	err := crawl.States(dir, func(s crawl.URLState) error {
		if s.Kind != crawl.KindArticle || s.DuplicateOf != "" || s.Hash == "" || s.Location == (warc.Location{}) {
			return nil
		}
		u := s.URL
		if s.CanonicalOf != "" {
			u = s.CanonicalOf
		}
		if seen[u] {
			return nil
		}
		seen[u] = true
		a := archived{url: u}
		if site := src.Site(s.Site); site != nil {
			a.province = site.Province
		}
		want[s.Location] = a
		return nil
	})
	if err != nil {
		return rr, nil, fmt.Errorf("nightly: reextract: %w", err)
	}
	r.counted(PhaseReextract, len(want), &t)
	var failed []pendingPage
	err = crawl.ReadArchive(filepath.Join(dir, "warc"), func(p crawl.ArchivedPage) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		a, ok := want[p.Location]
		if !ok {
			return nil
		}
		out, kind, err := store(c, extract.Document{URL: a.url, HTML: p.HTML}, a.province)
		t.count(out, err, kind)
		if err != nil {
			failed = append(failed, pendingPage{URL: a.url, Province: a.province, Location: p.Location, Error: err.Error()})
		}
		r.counted(PhaseReextract, len(want), &t)
		return nil
	})
	rr.Articles, rr.NewRecords, rr.ChangedRecords, rr.UnchangedRecords = t.pages, t.added, t.changed, t.same
	maps.Copy(rr.Errors, t.errors)
	if err != nil {
		return rr, failed, fmt.Errorf("nightly: reextract: %w", err)
	}
	return rr, failed, nil
}
