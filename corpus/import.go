package corpus

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/thidua/thidua/extract"
	"github.com/thidua/thidua/internal/fastjson"
)

// LineError is a line of an imported file that could not be used.
type LineError struct {
	Name string // the input's name, as given to Import
	Line int    // 1-based
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ImportStats says what an Import did.
type ImportStats struct {
	PutStats
	Lines   int         // non-blank lines read
	Skipped []LineError // lines that were not records; the others are kept
}

// Import reads JSONL records (as `thidua extract` or Dump writes them) and
// puts them into the store and the index in batches. A line that is not a
// record is skipped and reported in Skipped with name:line; the good lines
// are kept. The error is for the input or the store failing, not for bad
// lines. progress, when not nil, is called after each batch with the
// number of lines read so far.
//
// Into an empty store, Import is a bulk load: each batch is stored, then
// given to bleve's offline builder (the rebuild's), and the index is moved
// into place when Import returns, so searches see the new records then. It
// skips Put's online segments and merges, and the rebuild's reading back of
// the records; when the import fails, puts an id twice, or another writer
// puts records meanwhile, the index is rebuilt from the store instead
// (reported to Options.Progress). BenchmarkImport: 4,900 to 5,500 records
// per CPU second at 100,000 records; BenchmarkImportInto (a store that has
// records, so each batch goes to the live index) 5,100 to 5,400.
func (c *Corpus) Import(r io.Reader, name string, progress func(lines int)) (st ImportStats, err error) {
	if c.ro {
		return st, fmt.Errorf("corpus: import %s: %w", name, ErrReadOnly)
	}
	n, _, err := c.recordCount()
	if err != nil {
		return st, err
	}
	var bulk *bulkBuild
	if n == 0 {
		if bulk, err = c.newBulkBuild(); err != nil {
			return st, fmt.Errorf("corpus: import %s: %w", name, err)
		}
		defer func() {
			c.wmu.Lock()
			defer c.wmu.Unlock()
			if st.Added+st.Updated == 0 {
				bulk.abort()
				return
			}
			if rerr := c.finishBulk(bulk, st.Generation, err == nil && st.Updated == 0); err == nil && rerr != nil {
				err = fmt.Errorf("corpus: import %s: %w", name, rerr)
			}
		}()
	}
	batch := make([]extract.Record, 0, c.opts.BatchSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		var ps PutStats
		var err error
		if bulk != nil {
			var changed []extract.Record
			c.wmu.Lock()
			ps, changed, err = c.store(batch)
			c.wmu.Unlock()
			bulk.add(changed)
		} else {
			ps, err = c.put(batch, true)
		}
		st.Added += ps.Added
		st.Updated += ps.Updated
		st.Linked += ps.Linked
		st.Generation = ps.Generation
		batch = batch[:0]
		if progress != nil {
			progress(st.Lines)
		}
		if err != nil {
			return fmt.Errorf("corpus: import %s: %w", name, err)
		}
		return nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		st.Lines++
		var rec extract.Record
		if err := fastjson.Unmarshal(b, &rec); err != nil {
			st.Skipped = append(st.Skipped, LineError{name, line, err})
			continue
		}
		rec, err := prepare(rec)
		if err != nil {
			st.Skipped = append(st.Skipped, LineError{name, line, err})
			continue
		}
		batch = append(batch, rec)
		if len(batch) >= c.opts.BatchSize {
			if err := flush(); err != nil {
				return st, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return st, fmt.Errorf("corpus: import %s:%d: %w", name, line+1, err)
	}
	return st, flush()
}

// bulkBuild is the index an Import into an empty store builds with
// bleve's offline builder (as a rebuild does) from the records it stores,
// without reading them back from the store.
type bulkBuild struct {
	tmp string
	m   mapping.IndexMapping
	dm  *docMaker
	bld index.IndexBuilder // made for the first record (it cannot close empty)
	n   int                // records indexed
	err error              // the builder failed: finishBulk rebuilds instead
}

func (c *Corpus) newBulkBuild() (*bulkBuild, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	tmp := filepath.Join(c.dir, indexTmpName)
	if err := os.RemoveAll(tmp); err != nil {
		return nil, err
	}
	dm, err := newDocMaker(m)
	if err != nil {
		return nil, err
	}
	return &bulkBuild{tmp: tmp, m: m, dm: dm}, nil
}

// add indexes records just stored.
func (b *bulkBuild) add(recs []extract.Record) {
	if b.bld == nil && b.err == nil && len(recs) > 0 {
		b.bld, b.err = newBuilder(b.tmp, b.m, map[string]any{"batchSize": builderBatch, "mergeMax": builderMergeMax})
	}
	for _, r := range recs {
		if b.err != nil {
			return
		}
		b.err = b.dm.build(b.bld, indexedOf(r))
		b.n++
	}
}

// close closes the builder, unless it has no record.
func (b *bulkBuild) close() error {
	if b.bld == nil || b.n == 0 {
		return errors.New("no record indexed")
	}
	return b.bld.Close()
}

// abort drops the index being built.
func (b *bulkBuild) abort() {
	b.close()
	os.RemoveAll(b.tmp)
}

// finishBulk closes the index built by an Import and moves it into place,
// marked with the store generation gen of its last batch. When the build
// is not to be trusted (ok false: the Import failed or put an id twice;
// the builder failed; another writer put records in between), the index is
// rebuilt from the store instead. The caller holds wmu.
func (c *Corpus) finishBulk(b *bulkBuild, gen uint64, ok bool) error {
	err := b.close()
	if err == nil {
		err = b.err
	}
	cur, gerr := c.Generation()
	if !ok || err != nil || gerr != nil || cur != gen {
		os.RemoveAll(b.tmp)
		return c.rebuild(context.Background(), c.opts.Progress)
	}
	return c.finishRebuild(b.tmp, gen)
}

// SkippedError joins the skipped lines into one error, or nil.
func (st ImportStats) SkippedError() error {
	errs := make([]error, len(st.Skipped))
	for i := range st.Skipped {
		errs[i] = &st.Skipped[i]
	}
	return errors.Join(errs...)
}
