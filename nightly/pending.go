package nightly

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/crawl"
	"github.com/thidua/thidua/crawl/warc"
	"github.com/thidua/thidua/extract"
)

// PendingFile lists, in the data directory, the archived articles whose
// record could not be made or stored: the crawl counts them done, so the
// next night extracts them again from the archive before crawling.
const PendingFile = "pending.json"

// pendingPage is an archived article waiting for its record.
type pendingPage struct {
	URL      string        `json:"url"` // the canonical URL the record is made under
	Province string        `json:"province,omitempty"`
	Location warc.Location `json:"warc"`
	Error    string        `json:"error"`
}

// pendingList collects failed pages; safe for concurrent use.
type pendingList struct {
	mu    sync.Mutex
	pages []pendingPage
}

func (l *pendingList) add(p pendingPage) {
	l.mu.Lock()
	l.pages = append(l.pages, p)
	l.mu.Unlock()
}

func readPending(dir string) ([]pendingPage, error) {
	b, err := os.ReadFile(filepath.Join(dir, PendingFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("nightly: pending: %w", err)
	}
	var pages []pendingPage
	if err := json.Unmarshal(b, &pages); err != nil {
		return nil, fmt.Errorf("nightly: pending %s: %w", filepath.Join(dir, PendingFile), err)
	}
	return pages, nil
}

// writePending replaces the list (removes the file when pages is empty).
func writePending(dir string, pages []pendingPage) error {
	path := filepath.Join(dir, PendingFile)
	if len(pages) == 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("nightly: pending: %w", err)
		}
		return nil
	}
	b, err := json.MarshalIndent(pages, "", "  ")
	if err != nil {
		return fmt.Errorf("nightly: pending: %w", err)
	}
	if err := writeFileAtomic(path, append(b, '\n')); err != nil {
		return fmt.Errorf("nightly: pending: %w", err)
	}
	return nil
}

// retryPending extracts the pending pages from the archive and returns
// those that fail again; r is told PhasePending's progress.
func retryPending(ctx context.Context, c *corpus.Corpus, dir string, pages []pendingPage, t *tally, r *reporter) ([]pendingPage, error) {
	if len(pages) == 0 {
		return nil, nil
	}
	r.counted(PhasePending, len(pages), t)
	want := map[warc.Location]pendingPage{}
	for _, p := range pages {
		want[p.Location] = p
	}
	var still []pendingPage
	err := crawl.ReadArchive(filepath.Join(dir, "warc"), func(ap crawl.ArchivedPage) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		p, ok := want[ap.Location]
		if !ok {
			return nil
		}
		delete(want, ap.Location)
		out, kind, err := store(c, extract.Document{URL: p.URL, HTML: ap.HTML}, p.Province)
		t.count(out, err, kind)
		if err != nil {
			p.Error = err.Error()
			still = append(still, p)
		}
		r.counted(PhasePending, len(pages), t)
		return nil
	})
	if err != nil {
		return pages, fmt.Errorf("nightly: pending: %w", err) // all kept for the next night
	}
	// Pages no longer in the archive cannot be retried: the crawl
	// fetches a page again only when it changes. They are dropped.
	return still, nil
}

// mergePending adds pages to list, one entry per archive location (the
// later error wins).
func mergePending(list, pages []pendingPage) []pendingPage {
	at := map[warc.Location]int{}
	for i, p := range list {
		at[p.Location] = i
	}
	for _, p := range pages {
		if i, ok := at[p.Location]; ok {
			list[i] = p
			continue
		}
		at[p.Location] = len(list)
		list = append(list, p)
	}
	return list
}
