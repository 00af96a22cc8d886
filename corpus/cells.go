package corpus

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/thidua/thidua/extract"
	bolt "go.etcd.io/bbolt"
)

// The cells bucket is the store's aggregate for Query and Compare: one key
// per province and year, holding a packed entry per relevant record of it.
// Reading it answers a question without decoding a single record.
//
// Entry: uvarint id length, id, uint32 member-unit mask (bit i =
// extract.Units[i]), flags byte, event-kind mask byte (bit i =
// extract.EventOrder[i]).

const (
	flagComplete = 1 << 0 // members_complete
	flagCopy     = 1 << 1 // counted under another record (isCopy)
	levelShift   = 2      // bits 2-3: 0 unknown, 1 province, 2 district, 3 ministry
)

var levels = []string{"", extract.LevelProvince, extract.LevelDistrict, extract.LevelMinistry}

// entry is one record as a cell holds it.
type entry struct {
	id     string
	units  uint32
	flags  byte
	events byte
}

func (e entry) complete() bool { return e.flags&flagComplete != 0 }
func (e entry) isCopy() bool   { return e.flags&flagCopy != 0 }
func (e entry) level() string  { return levels[(e.flags>>levelShift)&3] }

func unitBit(code string) uint32 {
	for i, u := range extract.Units {
		if u.Code == code && i < 32 {
			return 1 << i
		}
	}
	return 0
}

func eventBit(kind string) byte {
	for i, k := range extract.EventOrder {
		if k == kind && i < 8 {
			return 1 << i
		}
	}
	return 0
}

// cellKey returns the cell of a record, or "" for a record no question
// counts (not relevant, or without province or year).
func cellKey(r extract.Record) string {
	if !r.Relevant || r.Province == "" || r.Year == 0 {
		return ""
	}
	return r.Province + "\x1f" + r.Province2025 + "\x1f" + strconv.Itoa(r.Year)
}

func parseCellKey(k []byte) (province, p2025 string, year int, err error) {
	parts := strings.Split(string(k), "\x1f")
	if len(parts) != 3 {
		return "", "", 0, fmt.Errorf("bad cell key %q", k)
	}
	year, err = strconv.Atoi(parts[2])
	if err != nil {
		return "", "", 0, fmt.Errorf("bad cell key %q: %w", k, err)
	}
	return parts[0], parts[1], year, nil
}

func entryOf(r extract.Record) entry {
	e := entry{id: r.ID}
	for _, m := range r.Members {
		e.units |= unitBit(m.Unit)
	}
	if r.MembersComplete {
		e.flags |= flagComplete
	}
	if isCopy(r) {
		e.flags |= flagCopy
	}
	for i, l := range levels {
		if l == r.Level {
			e.flags |= byte(i) << levelShift
		}
	}
	for _, k := range r.EventTypes {
		e.events |= eventBit(k)
	}
	return e
}

func appendEntry(b []byte, e entry) []byte {
	b = binary.AppendUvarint(b, uint64(len(e.id)))
	b = append(b, e.id...)
	b = binary.BigEndian.AppendUint32(b, e.units)
	return append(b, e.flags, e.events)
}

var errBadCell = errors.New("corpus: truncated cell entry")

// minEntrySize is the size of a packed entry with a 9-byte id (generated
// and URL-derived ids have 10 to 16 bytes): the entries of a cell of n bytes
// with such ids fit in n/minEntrySize+1 without growing the slice.
const minEntrySize = 16

// decodeEntries calls fn for every entry packed in b. The ids share one
// string, a copy of b: one allocation per cell rather than per entry.
func decodeEntries(b []byte, fn func(entry)) error {
	s := string(b)
	for i := 0; i < len(s); {
		n, k := binary.Uvarint(b[i:])
		if k <= 0 || n > uint64(len(s)) || uint64(len(s)-i-k) < n+6 {
			return errBadCell
		}
		i += k
		e := entry{id: s[i : i+int(n)]}
		i += int(n)
		e.units = binary.BigEndian.Uint32(b[i:])
		e.flags, e.events = b[i+4], b[i+5]
		i += 6
		fn(e)
	}
	return nil
}

func byID(a, b entry) int { return strings.Compare(a.id, b.id) }

// cellWriter gathers the changes of one transaction and writes each cell once.
type cellWriter struct {
	b     *bolt.Bucket
	cells map[string][]entry
}

func newCellWriter(b *bolt.Bucket) *cellWriter {
	return &cellWriter{b: b, cells: map[string][]entry{}}
}

func (w *cellWriter) load(key string) []entry {
	if es, ok := w.cells[key]; ok {
		return es
	}
	var es []entry
	// A cell that does not decode is rebuilt from what decodes: the
	// records stay the truth.
	_ = decodeEntries(w.b.Get([]byte(key)), func(e entry) { es = append(es, e) })
	w.cells[key] = es
	return es
}

func (w *cellWriter) remove(r extract.Record) {
	key := cellKey(r)
	if key == "" {
		return
	}
	es := w.load(key)
	out := es[:0]
	for _, e := range es {
		if e.id != r.ID {
			out = append(out, e)
		}
	}
	w.cells[key] = out
}

func (w *cellWriter) add(r extract.Record) {
	if key := cellKey(r); key != "" {
		w.cells[key] = append(w.load(key), entryOf(r))
	}
}

func (w *cellWriter) flush() error {
	for key, es := range w.cells {
		if len(es) == 0 {
			if err := w.b.Delete([]byte(key)); err != nil {
				return err
			}
			continue
		}
		slices.SortFunc(es, byID) // so that questions need not sort
		var b []byte
		for _, e := range es {
			b = appendEntry(b, e)
		}
		if err := w.b.Put([]byte(key), b); err != nil {
			return err
		}
	}
	return nil
}

// cellVisit is what scanCells hands a visitor: one cell of the store.
type cellVisit struct {
	province, province2025 string
	year                   int
	entries                []entry // sorted by id; shared, read only
}

// scanCells calls fn for every cell of the store, from the in-memory copy
// of the cells bucket (cachedCells).
func (c *Corpus) scanCells(fn func(cellVisit)) error {
	cells, err := c.cachedCells()
	if err != nil {
		return err
	}
	for _, v := range cells {
		fn(v)
	}
	return nil
}

// cellCache is the cells bucket decoded, kept between questions and keyed
// by the store generation, which every Put bumps (in this process or
// another): a question costs one read transaction to check the generation
// instead of decoding every entry of the store.
type cellCache struct {
	gen   uint64
	cells []cellVisit
}

// cachedCells returns the decoded cells of the store's current generation.
func (c *Corpus) cachedCells() ([]cellVisit, error) {
	c.cmu.Lock()
	defer c.cmu.Unlock()
	err := c.db.View(func(tx *bolt.Tx) error {
		gen := decodeUint(tx.Bucket(bucketMeta).Get(keyGeneration))
		if c.cells != nil && c.cells.gen == gen {
			return nil
		}
		var cells []cellVisit
		err := tx.Bucket(bucketCells).ForEach(func(k, v []byte) error {
			p, p25, y, err := parseCellKey(k)
			if err != nil {
				return err
			}
			es := make([]entry, 0, len(v)/minEntrySize+1)
			if err := decodeEntries(v, func(e entry) { es = append(es, e) }); err != nil {
				return fmt.Errorf("cell %s/%d: %w", p, y, err)
			}
			if !slices.IsSortedFunc(es, byID) { // written before cells were sorted
				slices.SortFunc(es, byID)
			}
			cells = append(cells, cellVisit{p, p25, y, es})
			return nil
		})
		if err != nil {
			return err
		}
		c.cells = &cellCache{gen: gen, cells: cells}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c.cells.cells, nil
}
