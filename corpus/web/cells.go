package web

import "github.com/thidua/thidua/corpus"

// cellOut is a cell as the API writes it: at most Options.MaxCellRecords
// ids in records and evidence, and the count before trimming, so that a
// matrix over a large corpus stays small. Articles is not trimmed.
type cellOut struct {
	corpus.Cell
	RecordsTotal int `json:"records_total"`
}

// matrixOut is a corpus.Matrix with trimmed cells; its Cells hide the
// embedded table's in JSON.
type matrixOut struct {
	*corpus.Matrix
	Cells [][]cellOut `json:"cells"`
}

// tableOut is a corpus.Table with trimmed cells.
type tableOut struct {
	*corpus.Table
	Cells [][]cellOut `json:"cells"`
}

// trimCells copies the cells of t with at most max ids per list.
func trimCells(cells [][]corpus.Cell, max int) [][]cellOut {
	out := make([][]cellOut, len(cells))
	for i, row := range cells {
		out[i] = make([]cellOut, len(row))
		for j, c := range row {
			o := cellOut{Cell: c, RecordsTotal: len(c.Records)}
			if len(o.Records) > max {
				o.Records = o.Records[:max]
			}
			if len(o.Evidence) > max {
				o.Evidence = o.Evidence[:max]
			}
			out[i][j] = o
		}
	}
	return out
}
