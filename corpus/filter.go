package corpus

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/thidua/thidua/extract"
	"github.com/thidua/thidua/normalize"
)

// ParseYears reads a year filter as the command line and the API write it:
// "2021", "2018..2021", "2018.." or "..2021"; an open end is 0.
func ParseYears(s string) (from, to int, err error) {
	if s == "" {
		return 0, 0, nil
	}
	lo, hi, isRange := strings.Cut(s, "..")
	if !isRange {
		hi = lo
	}
	if from, err = parseYear(lo); err != nil {
		return 0, 0, err
	}
	if to, err = parseYear(hi); err != nil {
		return 0, 0, err
	}
	return from, to, nil
}

// parseYear reads one bound; an empty string is 0 (open).
func parseYear(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("corpus: year %q: %w", s, err)
	}
	return n, nil
}

// resolved is a Filter with its names made canonical.
type resolved struct {
	Filter
	unit string // unit code, "" for any
}

// resolve checks a filter and makes its names canonical.
func (f Filter) resolve() (resolved, error) {
	rf := resolved{Filter: f}
	if f.Province != "" {
		p, ok := extract.ProvinceByName(f.Province)
		if !ok {
			return rf, fmt.Errorf("%w: %q", ErrUnknownProvince, f.Province)
		}
		rf.Province = p.Name
	}
	if f.Province2025 != "" {
		p, ok := province2025(f.Province2025)
		if !ok {
			return rf, fmt.Errorf("%w: %q (not one of the 34 units of 2025)", ErrUnknownProvince, f.Province2025)
		}
		rf.Province2025 = p
	}
	if f.Unit != "" {
		code, ok := extract.ResolveUnit(f.Unit)
		if !ok {
			return rf, fmt.Errorf("%w: %q", ErrUnknownUnit, f.Unit)
		}
		rf.unit = code
	}
	if f.EventType != "" && eventBit(f.EventType) == 0 {
		return rf, fmt.Errorf("%w: event type %q is not one of %s", ErrBadOptions, f.EventType, strings.Join(extract.EventOrder, ", "))
	}
	if f.YearFrom != 0 && f.YearTo != 0 && f.YearFrom > f.YearTo {
		return rf, fmt.Errorf("%w: year range %d..%d", ErrBadOptions, f.YearFrom, f.YearTo)
	}
	return rf, nil
}

// province2025 finds one of the 34 post-merger units by any written form.
func province2025(name string) (string, bool) {
	key := foldKey(name)
	for _, p := range extract.Provinces2025 {
		if foldKey(p) == key {
			return p, true
		}
	}
	if p, ok := extract.ProvinceByName(name); ok && p.After2025 == p.Name {
		return p.Name, true
	}
	return "", false
}

// foldKey is the folded, space-normalized key of a name.
func foldKey(s string) string {
	return strings.Join(strings.Fields(normalize.Fold(normalize.String(s))), " ")
}

// yearIn reports whether a year is in the filter's range.
func (f resolved) yearIn(y int) bool {
	return (f.YearFrom == 0 || y >= f.YearFrom) && (f.YearTo == 0 || y <= f.YearTo)
}

// levelIn reports whether a level passes for Query and Compare, where an
// empty filter means the provincial bloc (records of unknown level too).
func (f resolved) questionLevel(level string) bool {
	if f.Level == "" {
		return level == "" || level == extract.LevelProvince
	}
	return level == f.Level
}

// matchRecord reports whether a record passes the filter, except Text,
// which only the index can answer.
func (f resolved) matchRecord(r extract.Record) bool {
	if !f.All && !r.Relevant {
		return false
	}
	if f.Province != "" && r.Province != f.Province {
		return false
	}
	if f.Province2025 != "" && r.Province2025 != f.Province2025 {
		return false
	}
	if (f.YearFrom != 0 || f.YearTo != 0) && (r.Year == 0 || !f.yearIn(r.Year)) {
		return false
	}
	if f.Level != "" && r.Level != f.Level {
		return false
	}
	if f.EventType != "" && !contains(r.EventTypes, f.EventType) {
		return false
	}
	if f.unit != "" {
		found := false
		for _, m := range r.Members {
			found = found || m.Unit == f.unit
		}
		if !found {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
