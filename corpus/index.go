package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/thidua/thidua/extract"
	"github.com/thidua/thidua/internal/fastjson"
	bolt "go.etcd.io/bbolt"
)

// The index is derived from the store and can always be rebuilt from it.
// It lives in dir/index/; a rebuild writes dir/index.new/ and renames it
// into place, so a rebuild killed midway leaves the previous index (or
// none, which the next Open rebuilds). Every batch carries the store
// generation it reflects as bleve internal data, so the marker and the
// documents are written together. A rebuild also marks the index with
// indexFormat; an index of another format (or none: made before the
// marker) is rebuilt by a read-write Open.
const (
	indexDirName      = "index"
	indexTmpName      = "index.new"
	internalGenKey    = "thidua.generation"
	internalFormatKey = "thidua.format"
	foldedSuffix      = "_folded"
	maxIndexedTexts   = 64 // members or awards indexed per record
)

// indexFormat names the mapping and what the documents hold; change it
// with either. Indexes without a marker had the "vi" analyzer (the
// unicode tokenizer and to_lower), which wordsAnalyzer replaced.
const indexFormat = "2: thidua_words"

// textFields are the fields indexed twice: as written (NFC, lower-cased),
// and folded (normalize.Fold) as <field>_folded; textQuery searches them by
// name (there is no _all field, see fields.go).
var textFields = []string{"title", "bloc", "theme", "members", "awards", "province_name"}

// keywordFields are exact terms for filters and facets.
// year_key is the year in an order-preserving form for year ranges
// (yearKey), one term where a numeric field indexes sixteen.
var keywordFields = []string{"province", "province_2025", "units", "award_kinds", "event_types", "level", "source", "extractor", "relevant", "year_term", "year_key"}

// newMapping builds the Vietnamese mapping. Text is normalized in Go
// (bleve's asciifolding is a char filter that misses decomposed input);
// the text fields are analyzed by wordsAnalyzer (analyzer.go), fed NFC or
// folded text.
func newMapping() (mapping.IndexMapping, error) {
	registerAnalysis()
	m := bleve.NewIndexMapping()
	doc := bleve.NewDocumentStaticMapping()
	for _, f := range textFields {
		exact := bleve.NewTextFieldMapping()
		exact.Analyzer = analyzerWords
		exact.Store = f != "province_name"
		exact.IncludeTermVectors = exact.Store // for highlighting
		exact.DocValues = false
		exact.IncludeInAll = false // no _all: see fields.go
		folded := bleve.NewTextFieldMapping()
		folded.Analyzer = analyzerWords
		folded.Store = false
		folded.IncludeTermVectors = false
		folded.DocValues = false
		folded.IncludeInAll = false // searched by name, see textQuery
		doc.AddFieldMappingsAt(f, exact)
		doc.AddFieldMappingsAt(f+foldedSuffix, folded)
	}
	for _, f := range keywordFields {
		k := bleve.NewKeywordFieldMapping()
		k.Analyzer = keyword.Name
		k.IncludeInAll = false
		k.IncludeTermVectors = false
		k.DocValues = slices.Contains(facetFields, f) // only facets read them
		doc.AddFieldMappingsAt(f, k)
	}
	// No composite _all field at all (bleve adds an empty one otherwise).
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerWords
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}

// openIndex opens dir/index, rebuilding it when it is missing, does not
// open, or is behind the store.
func (c *Corpus) openIndex() error {
	path := filepath.Join(c.dir, indexDirName)
	if err := os.RemoveAll(filepath.Join(c.dir, indexTmpName)); err != nil {
		return fmt.Errorf("corpus: remove unfinished index: %w", err)
	}
	gen, err := c.Generation()
	if err != nil {
		return err
	}
	idx, err := openBleve(path)
	switch {
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist):
		if gen > 0 {
			fmt.Fprintf(c.opts.Log, "corpus: no index in %s: building it from the records\n", path)
		}
		return c.rebuild(context.Background(), c.opts.Progress)
	case err != nil:
		fmt.Fprintf(c.opts.Log, "corpus: the index in %s does not open (%v): rebuilding it from the records\n", path, err)
		return c.rebuild(context.Background(), c.opts.Progress)
	}
	if !hasYearKey(idx) {
		idx.Close()
		fmt.Fprintf(c.opts.Log, "corpus: the index in %s has no year_key field (an index made before year ranges searched it): rebuilding it from the records\n", path)
		return c.rebuild(context.Background(), c.opts.Progress)
	}
	if f := indexFormatOf(idx); f != indexFormat {
		idx.Close()
		fmt.Fprintf(c.opts.Log, "corpus: the index in %s is of format %q, this version writes %q: rebuilding it from the records\n", path, f, indexFormat)
		return c.rebuild(context.Background(), c.opts.Progress)
	}
	ig, err := indexGeneration(idx)
	if err != nil || ig != gen {
		idx.Close()
		if err != nil {
			fmt.Fprintf(c.opts.Log, "corpus: the index in %s has no valid generation marker (%v): rebuilding it from the records\n", path, err)
		} else {
			fmt.Fprintf(c.opts.Log, "corpus: the index in %s reflects generation %d of the records, the store is at %d: rebuilding it\n", path, ig, gen)
		}
		return c.rebuild(context.Background(), c.opts.Progress)
	}
	c.imu.Lock()
	c.index = idx
	c.imu.Unlock()
	return nil
}

// hasYearKey reports whether the index's mapping has the year_key field
// that year ranges search (see yearKey); an index made before it has a
// numeric year field instead, and is rebuilt.
func hasYearKey(idx bleve.Index) bool {
	m, ok := idx.Mapping().(*mapping.IndexMappingImpl)
	if !ok || m.DefaultMapping == nil {
		return false
	}
	_, ok = m.DefaultMapping.Properties["year_key"]
	return ok
}

// indexFormatOf returns the format marker of an index ("" for none).
func indexFormatOf(idx bleve.Index) string {
	v, err := idx.GetInternal([]byte(internalFormatKey))
	if err != nil {
		return ""
	}
	return string(v)
}

func indexGeneration(idx bleve.Index) (uint64, error) {
	v, err := idx.GetInternal([]byte(internalGenKey))
	if err != nil {
		return 0, err
	}
	if v == nil {
		return 0, nil
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("marker of %d bytes", len(v))
	}
	return decodeUint(v), nil
}

// IndexGeneration returns the store generation the open index reflects.
func (c *Corpus) IndexGeneration() (uint64, error) {
	idx, err := c.rlockIndex()
	if err != nil {
		return 0, err
	}
	defer c.imu.RUnlock()
	g, err := indexGeneration(idx)
	if err != nil {
		return 0, fmt.Errorf("corpus: index generation: %w", err)
	}
	return g, nil
}

// Reindex rebuilds the index from the records. progress, when not nil, is
// called after each batch with the records indexed so far and the total.
// Searches keep using the previous index until the new one is complete.
func (c *Corpus) Reindex(ctx context.Context, progress func(done, total int)) error {
	if c.ro {
		return fmt.Errorf("corpus: reindex %s: %w", c.dir, ErrReadOnly)
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.rebuild(ctx, progress)
}

// rebuild builds dir/index.new from the store and moves it into place.
// The caller holds wmu (or is Open).
func (c *Corpus) rebuild(ctx context.Context, progress func(done, total int)) error {
	m, err := newMapping()
	if err != nil {
		return err
	}
	tmp := filepath.Join(c.dir, indexTmpName)
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("corpus: rebuild index: %w", err)
	}
	// The offline builder writes segments without the online persister's
	// syncs; the result is only moved into place once it is closed and
	// carries its generation marker.
	total, gen, err := c.recordCount()
	if err != nil {
		return err
	}
	if total == 0 { // the builder cannot make an empty index
		idx, err := bleve.New(tmp, m)
		if err != nil {
			return fmt.Errorf("corpus: rebuild index in %s: %w", tmp, err)
		}
		if err := idx.Close(); err != nil {
			return fmt.Errorf("corpus: rebuild index in %s: %w", tmp, err)
		}
		return c.finishRebuild(tmp, gen)
	}
	dm, err := newDocMaker(m)
	if err != nil {
		return err
	}
	bld, err := newBuilder(tmp, m, map[string]any{"batchSize": builderBatch, "mergeMax": builderMergeMax})
	if err != nil {
		return fmt.Errorf("corpus: rebuild index in %s: %w", tmp, err)
	}
	err = c.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRecords)
		done := 0
		return b.ForEach(func(k, v []byte) error {
			var r indexed
			if err := fastjson.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("record %s: %w", k, err)
			}
			if r.ID == "" {
				return fmt.Errorf("record %s: no id", k)
			}
			if err := dm.build(bld, r); err != nil {
				return fmt.Errorf("record %s: %w", k, err)
			}
			if done++; done%c.opts.BatchSize == 0 || done == total {
				if progress != nil {
					progress(done, total)
				}
				return ctx.Err()
			}
			return nil
		})
	})
	if cerr := bld.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("corpus: rebuild index: %w", err)
	}
	return c.finishRebuild(tmp, gen)
}

// recordCount returns the number of records and the store generation.
func (c *Corpus) recordCount() (n int, gen uint64, err error) {
	err = c.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketRecords).Stats().KeyN
		gen = decodeUint(tx.Bucket(bucketMeta).Get(keyGeneration))
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("corpus: read store: %w", err)
	}
	return n, gen, nil
}

// finishRebuild marks the index built in tmp with its format and the
// generation it reflects, and moves it into place.
func (c *Corpus) finishRebuild(tmp string, gen uint64) error {
	final := filepath.Join(c.dir, indexDirName)
	idx, err := bleve.Open(tmp)
	if err == nil {
		b := idx.NewBatch()
		b.SetInternal([]byte(internalFormatKey), []byte(indexFormat))
		b.SetInternal([]byte(internalGenKey), encodeUint(gen))
		err = idx.Batch(b)
		if cerr := idx.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("corpus: rebuild index: %w", err)
	}
	c.imu.Lock()
	defer c.imu.Unlock()
	if c.index != nil {
		c.index.Close()
		c.index = nil
	}
	c.persisted = nil // the batches it waited for are in the new index
	if err := os.RemoveAll(final); err != nil {
		return fmt.Errorf("corpus: replace index: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return fmt.Errorf("corpus: replace index: %w", err)
	}
	syncDir(c.dir)
	idx, err = openBleve(final)
	if err != nil {
		return fmt.Errorf("corpus: open rebuilt index %s: %w", final, err)
	}
	c.index = idx
	return nil
}

// syncDir makes a rename durable; failure only weakens durability, which a
// rebuild on the next Open repairs.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// openBleve opens the index for Put's batches. Batches are "unsafe" in
// scorch's sense: Batch returns once the segment is searchable, and the
// persister writes it to disk in the background, so a Put does not wait for
// the index's fsyncs (the store's transaction is what makes a Put durable).
// Close waits for the last batch to be persisted; a crash before that
// leaves the index behind the store, which the next Open sees from the
// generation marker and repairs by a rebuild.
//
// Segments are merged twenty at a time, up to twenty of a size, where
// bleve's default is ten: Put's batches make a segment each, and the
// merges of the default took 2.0 of Put's 27 CPU seconds at 100,000
// records (BenchmarkPut), 1.2 with twenty.
func openBleve(path string) (bleve.Index, error) {
	registerAnalysis()
	return bleve.OpenUsing(path, map[string]any{
		"unsafe_batch": true,
		"scorchMergePlanOptions": map[string]any{
			"MaxSegmentsPerTier":   20,
			"SegmentsPerMergeTask": 20,
		},
	})
}

// persistTimeout bounds how long Close waits for the index to persist the
// last batch; past it the index may be behind, which the next Open repairs.
const persistTimeout = time.Minute

// waitPersisted waits until the index has persisted the last batch of a
// Put. The caller holds wmu.
func (c *Corpus) waitPersisted() {
	if c.persisted == nil {
		return
	}
	select {
	case <-c.persisted:
	case <-time.After(persistTimeout):
		fmt.Fprintf(c.opts.Log, "corpus: the index has not persisted the last records after %v: the next open rebuilds it\n", persistTimeout)
	}
	c.persisted = nil
}

// indexRecords indexes records written by a Put in batches of up to
// Options.BatchSize, the last one carrying the store generation and a
// callback that closes c.persisted once it is on disk. The documents are
// made by docMaker from the open index's mapping, as a rebuild makes them,
// rather than by bleve's reflective walk of each record's map. The caller
// holds wmu.
func (c *Corpus) indexRecords(recs []extract.Record, gen uint64) error {
	c.imu.RLock()
	defer c.imu.RUnlock()
	dm, err := newDocMaker(c.index.Mapping())
	if err != nil {
		return err
	}
	batch := c.index.NewBatch()
	for i, r := range recs {
		if err := batch.IndexAdvanced(dm.document(indexedOf(r))); err != nil {
			return fmt.Errorf("corpus: index record %s: %w", r.ID, err)
		}
		if batch.Size() >= c.opts.BatchSize && i < len(recs)-1 {
			if err := c.index.Batch(batch); err != nil {
				return fmt.Errorf("corpus: index records: %w", err)
			}
			batch.Reset()
			dm.release()
		}
	}
	batch.SetInternal([]byte(internalGenKey), encodeUint(gen))
	done := make(chan struct{})
	var once sync.Once
	batch.SetPersistedCallback(func(error) { once.Do(func() { close(done) }) })
	if err := c.index.Batch(batch); err != nil {
		return fmt.Errorf("corpus: index records: %w", err)
	}
	dm.release()
	c.persisted = done
	return nil
}

// The offline builder writes a segment per builderBatch records and merges
// them all at once at the end (bleve's default merges ten at a time, which
// merges each record twice from 100 segments on). Segments of 10,000
// records made Reindex slower and took five times the memory.
const (
	builderBatch    = 500
	builderMergeMax = 1000
)
