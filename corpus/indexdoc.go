package corpus

import (
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/thidua/thidua/extract"
	"github.com/thidua/thidua/normalize"
)

// indexed is the part of a record the index reads. A rebuild decodes the
// stored JSON (extract.Record's wire form, spec/record.md) straight into
// it, which skips the evidence, links and the other fields the index does
// not hold; a JSON null leaves the zero value, as in extract.Record.
type indexed struct {
	ID           string   `json:"id"`
	Source       string   `json:"source"`
	Title        string   `json:"title"`
	Relevant     bool     `json:"relevant"`
	Level        string   `json:"level"`
	Province     string   `json:"province"`
	Province2025 string   `json:"province_2025"`
	Year         int      `json:"year"`
	EventTypes   []string `json:"event_types"`
	Bloc         *struct {
		Name string `json:"name"`
	} `json:"bloc"`
	Members []struct {
		Name string `json:"name"`
		Unit string `json:"unit"`
	} `json:"members"`
	Theme  string `json:"theme"`
	Awards []struct {
		Title string `json:"title"`
		Kind  string `json:"kind"`
	} `json:"awards"`
	Extractor string `json:"extractor"`
}

// indexedOf takes the indexed part of a record (Put's path).
func indexedOf(r extract.Record) indexed {
	x := indexed{
		ID: r.ID, Source: r.Source, Title: r.Title, Relevant: r.Relevant,
		Level: r.Level, Province: r.Province, Province2025: r.Province2025,
		Year: r.Year, EventTypes: r.EventTypes, Theme: r.Theme, Extractor: r.Extractor,
	}
	if r.Bloc != nil {
		x.Bloc = &struct {
			Name string `json:"name"`
		}{r.Bloc.Name}
	}
	x.Members = make([]struct {
		Name string `json:"name"`
		Unit string `json:"unit"`
	}, len(r.Members))
	for i, m := range r.Members {
		x.Members[i].Name, x.Members[i].Unit = m.Name, m.Unit
	}
	x.Awards = make([]struct {
		Title string `json:"title"`
		Kind  string `json:"kind"`
	}, len(r.Awards))
	for i, a := range r.Awards {
		x.Awards[i].Title, x.Awards[i].Kind = a.Title, a.Kind
	}
	return x
}

// fields calls fn with each field the index holds of a record: its name,
// its values, and whether they are a list (whose values have array
// positions) or one string.
func (r indexed) fields(fn func(name string, vals []string, list bool)) {
	fn("relevant", []string{strconv.FormatBool(r.Relevant)}, false)
	fn("extractor", []string{r.Extractor}, false)
	text := func(field string, vals ...string) {
		var exact, folded []string
		for _, v := range vals {
			if v = normalize.String(v); v != "" {
				exact = append(exact, v)
				folded = append(folded, normalize.Fold(v))
			}
		}
		if len(exact) > 0 {
			fn(field, exact, true)
			fn(field+foldedSuffix, folded, true)
		}
	}
	kw := func(field string, vals ...string) {
		var out []string
		for _, v := range vals {
			if v != "" {
				out = append(out, v)
			}
		}
		if len(out) > 0 {
			fn(field, out, true)
		}
	}
	text("title", r.Title)
	if r.Bloc != nil {
		text("bloc", r.Bloc.Name)
	}
	text("theme", r.Theme)
	text("province_name", r.Province, r.Province2025)
	n := min(len(r.Members), maxIndexedTexts)
	names, units := make([]string, 0, n), make([]string, 0, len(r.Members))
	for i, m := range r.Members {
		if i < maxIndexedTexts {
			names = append(names, m.Name)
		}
		units = append(units, m.Unit)
	}
	var awards, kinds []string
	for i, a := range r.Awards {
		if i < maxIndexedTexts {
			awards = append(awards, a.Title)
		}
		kinds = append(kinds, a.Kind)
	}
	text("members", names...)
	text("awards", awards...)
	kw("units", units...)
	kw("award_kinds", kinds...)
	kw("event_types", r.EventTypes...)
	kw("province", r.Province)
	kw("province_2025", r.Province2025)
	kw("level", r.Level)
	kw("source", r.Source)
	if r.Year != 0 {
		fn("year_term", []string{strconv.Itoa(r.Year)}, false)
		fn("year_key", []string{yearKey(r.Year)}, false)
	}
}

// doc is what bleve indexes for a record, as the map bleve's mapping
// reads: a list is a []string, one string a string.
func (r indexed) doc() map[string]any {
	d := map[string]any{}
	r.fields(func(name string, vals []string, list bool) {
		if list {
			d[name] = vals
		} else {
			d[name] = vals[0]
		}
	})
	return d
}

// yearKey writes a year as 16 hex digits of its offset-binary form (the
// sign bit flipped), so that the keys of all ints sort as the ints do. A
// range of years is a term range over year_key: one term per record, where
// bleve's numeric field indexes sixteen (a precision step of 4 bits over
// 64), which cost about a tenth of the indexing time.
func yearKey(y int) string {
	const hex = "0123456789abcdef"
	u := uint64(int64(y)) ^ 1<<63
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = hex[u&0xf]
		u >>= 4
	}
	return string(b[:])
}

// yearRange matches the records whose year is in from..to (inclusive; 0
// leaves that end open). Records without a year have no year_key.
func yearRange(from, to int) query.Query {
	var lo, hi string
	if from != 0 {
		lo = yearKey(from)
	}
	if to != 0 {
		hi = yearKey(to)
	}
	incl := true
	q := bleve.NewTermRangeInclusiveQuery(lo, hi, &incl, &incl)
	q.SetField("year_key")
	return q
}
