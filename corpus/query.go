package corpus

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/thidua/thidua/extract"
)

// State is what the articles say about a unit in a bloc for one province
// and year (see doc.go).
type State string

// Cell states.
const (
	Member  State = "member"  // a record lists the unit among the members
	Absent  State = "absent"  // none does, and a record gives the complete list
	Unknown State = "unknown" // no record, or only incomplete lists
)

// Cell is one answer with the records behind it.
type Cell struct {
	State State `json:"state"`
	// Records are the ids of the relevant records of the cell, linked
	// copies included.
	Records []string `json:"records"`
	// Evidence are the ids that decide the state: the records listing the
	// unit for a member, those with a complete list for an absent.
	Evidence []string `json:"evidence,omitempty"`
	// Articles counts the records once per linked group (copies and
	// reports of the same event count once).
	Articles int `json:"articles"`
}

// Table is a grid of cells: Cells[i][j] is row Rows[i], column Cols[j].
type Table struct {
	Title    string   `json:"title"`
	RowLabel string   `json:"row_label"`
	ColLabel string   `json:"col_label"`
	Rows     []string `json:"rows"`
	Cols     []string `json:"cols"`
	Cells    [][]Cell `json:"cells"`
}

// Matrix answers "is this unit a member": rows are provinces (or merged
// provinces), columns years.
type Matrix struct {
	Unit     string `json:"unit"` // unit code
	UnitName string `json:"unit_name"`
	By       Group  `json:"by"`
	Table
	// Member lists the rows where the unit is a member in some year;
	// Absent those where it is absent in some year and a member in none;
	// Unknown the others.
	Member  []string `json:"member"`
	Absent  []string `json:"absent"`
	Unknown []string `json:"unknown"`
}

// CompareOptions choose a comparison: Year gives rows by units for one
// year, Province gives units by years for one province; exactly one is set.
type CompareOptions struct {
	Year     int
	Province string // as written; a 2025 unit when By is ByProvince2025
	By       Group  // rows grouping; "" means ByProvince
	Filter   Filter // further selection; Filter.Unit restricts the units
}

// groups maps a row (province or merged province) and a year to the
// entries of its cells.
type groups map[string]map[int][]entry

// collect gathers the entries of the cells that pass the filter.
func (c *Corpus) collect(f resolved, by Group) (groups, error) {
	var ids map[string]bool
	if f.Text != "" {
		var err error
		if ids, err = c.matchingIDs(f.Text); err != nil {
			return nil, err
		}
	}
	g := groups{}
	err := c.scanCells(func(v cellVisit) {
		if (f.Province != "" && v.province != f.Province) ||
			(f.Province2025 != "" && v.province2025 != f.Province2025) || !f.yearIn(v.year) {
			return
		}
		row := v.province
		if by == ByProvince2025 {
			row = v.province2025
		}
		pass := func(e entry) bool {
			return f.questionLevel(e.level()) && (f.EventType == "" || e.events&eventBit(f.EventType) != 0) &&
				(ids == nil || ids[e.id])
		}
		es := g[row][v.year]
		var add []entry
		if es == nil && !slices.ContainsFunc(v.entries, func(e entry) bool { return !pass(e) }) {
			// The whole cell, shared with the cache: read only, and
			// clipped so that a later append copies.
			add = slices.Clip(v.entries)
		} else {
			add = es
			for _, e := range v.entries {
				if pass(e) {
					add = append(add, e)
				}
			}
		}
		if len(add) > 0 {
			if g[row] == nil {
				g[row] = map[int][]entry{}
			}
			g[row][v.year] = add
		}
	})
	if err != nil {
		return nil, fmt.Errorf("corpus: read cells: %w", err)
	}
	return g, nil
}

// cellFor evaluates one unit over the entries of a cell.
func cellFor(es []entry, bit uint32) Cell {
	c := Cell{State: Unknown}
	if len(es) > 0 {
		c.Records = make([]string, 0, len(es))
	}
	var complete []string
	for _, e := range es {
		c.Records = append(c.Records, e.id)
		if !e.isCopy() {
			c.Articles++
		}
		if e.units&bit != 0 {
			c.Evidence = append(c.Evidence, e.id)
		}
		if e.complete() {
			complete = append(complete, e.id)
		}
	}
	switch {
	case len(c.Evidence) > 0:
		c.State = Member
	case len(complete) > 0:
		c.State, c.Evidence = Absent, complete
	}
	// Entries are sorted by id within a store cell; a row of
	// ByProvince2025 joins several cells.
	if !slices.IsSorted(c.Records) {
		slices.Sort(c.Records)
		slices.Sort(c.Evidence)
	}
	return c
}

func checkGroup(by Group) (Group, error) {
	switch by {
	case "":
		return ByProvince, nil
	case ByProvince, ByProvince2025:
		return by, nil
	}
	return by, fmt.Errorf("%w: group by %q (want %s or %s)", ErrBadOptions, by, ByProvince, ByProvince2025)
}

// Query answers whether a unit ("Biên phòng", "bien phong", "BĐBP",
// "border-guard") is a member of the provincial bloc, province by year.
func (c *Corpus) Query(unit string, f Filter, by Group) (*Matrix, error) {
	code, ok := extract.ResolveUnit(unit)
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownUnit, unit)
	}
	by, err := checkGroup(by)
	if err != nil {
		return nil, err
	}
	rf, err := f.resolve()
	if err != nil {
		return nil, err
	}
	g, err := c.collect(rf, by)
	if err != nil {
		return nil, err
	}
	u, _ := extract.UnitByCode(code)
	m := &Matrix{Unit: code, UnitName: u.Name, By: by}
	m.Title = fmt.Sprintf("%s (%s) in the bloc, by %s and year", u.Name, code, by)
	m.RowLabel, m.ColLabel = string(by), "year"
	m.Rows = sortedRows(g)
	years := yearSpan(g)
	for _, y := range years {
		m.Cols = append(m.Cols, strconv.Itoa(y))
	}
	bit := unitBit(code)
	for _, row := range m.Rows {
		cells := make([]Cell, len(years))
		member, absent := false, false
		for j, y := range years {
			cells[j] = cellFor(g[row][y], bit)
			member = member || cells[j].State == Member
			absent = absent || cells[j].State == Absent
		}
		m.Cells = append(m.Cells, cells)
		switch {
		case member:
			m.Member = append(m.Member, row)
		case absent:
			m.Absent = append(m.Absent, row)
		default:
			m.Unknown = append(m.Unknown, row)
		}
	}
	return m, nil
}

// Compare answers for many units at once: provinces by units for one year,
// or units by years for one province.
func (c *Corpus) Compare(o CompareOptions) (*Table, error) {
	by, err := checkGroup(o.By)
	if err != nil {
		return nil, err
	}
	if (o.Year == 0) == (o.Province == "") {
		return nil, fmt.Errorf("%w: compare needs a year or a province, not both", ErrBadOptions)
	}
	f := o.Filter
	if o.Year != 0 {
		f.YearFrom, f.YearTo = o.Year, o.Year
	}
	if o.Province != "" {
		if by == ByProvince2025 {
			f.Province2025 = o.Province
		} else {
			f.Province = o.Province
		}
	}
	rf, err := f.resolve()
	if err != nil {
		return nil, err
	}
	g, err := c.collect(rf, by)
	if err != nil {
		return nil, err
	}
	units := compareUnits(g, rf.unit)
	t := &Table{}
	if o.Year != 0 {
		t.Title = fmt.Sprintf("Members of the bloc in %d, by %s", o.Year, by)
		t.RowLabel, t.ColLabel = string(by), "unit"
		t.Rows = sortedRows(g)
		t.Cols = units
		for _, row := range t.Rows {
			cells := make([]Cell, len(units))
			for j, u := range units {
				cells[j] = cellFor(g[row][o.Year], unitBit(u))
			}
			t.Cells = append(t.Cells, cells)
		}
		return t, nil
	}
	name := rf.Province
	if by == ByProvince2025 {
		name = rf.Province2025
	}
	t.Title = fmt.Sprintf("Members of the bloc of %s, by year", name)
	t.RowLabel, t.ColLabel = "unit", "year"
	years := yearSpan(g)
	for _, y := range years {
		t.Cols = append(t.Cols, strconv.Itoa(y))
	}
	t.Rows = units
	for _, u := range units {
		cells := make([]Cell, len(years))
		for j, y := range years {
			cells[j] = cellFor(g[name][y], unitBit(u))
		}
		t.Cells = append(t.Cells, cells)
	}
	return t, nil
}

// compareUnits lists the units to compare: only, or every unit (in the
// spec's order, "other" left out) that some record lists.
func compareUnits(g groups, only string) []string {
	if only != "" {
		return []string{only}
	}
	var seen uint32
	for _, ys := range g {
		for _, es := range ys {
			for _, e := range es {
				seen |= e.units
			}
		}
	}
	var out []string
	for _, u := range extract.Units {
		if u.Code != extract.UnitOther && seen&unitBit(u.Code) != 0 {
			out = append(out, u.Code)
		}
	}
	return out
}

// sortedRows returns the rows in folded alphabetical order.
func sortedRows(g groups) []string {
	type row struct{ name, key string }
	rows := make([]row, 0, len(g))
	for r := range g {
		rows = append(rows, row{r, foldKey(r)})
	}
	slices.SortFunc(rows, func(a, b row) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.name
	}
	return out
}

// yearSpan returns every year from the first to the last with records,
// so that gaps show as unknown.
func yearSpan(g groups) []int {
	lo, hi := 0, 0
	for _, ys := range g {
		for y := range ys {
			if lo == 0 || y < lo {
				lo = y
			}
			if y > hi {
				hi = y
			}
		}
	}
	if lo == 0 {
		return nil
	}
	out := make([]int, 0, hi-lo+1)
	for y := lo; y <= hi; y++ {
		out = append(out, y)
	}
	return out
}
