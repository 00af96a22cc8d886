package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/thidua/thidua/corpus"
)

func newQueryCmd() *cobra.Command {
	var dir, format, by string
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "query UNIT",
		Short: `Is a unit a member of the bloc, by province and year ("Biên phòng", "bien phong", "BĐBP", "border-guard")`,
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, f, err := readerWithFilter(cmd, dir, &ff)
			if err != nil {
				return err
			}
			defer c.Close()
			m, err := c.Query(strings.Join(args, " "), f, corpus.Group(by))
			if err != nil {
				return err
			}
			return corpus.WriteMatrix(cmd.OutOrStdout(), m, renderOptions(cmd.OutOrStdout(), format))
		},
	}
	addDataFlag(cmd, &dir)
	ff.add(cmd, false)
	outputFlag(cmd, &format)
	cmd.Flags().StringVar(&by, "by", string(corpus.ByProvince), "rows: province or province_2025")
	return cmd
}

func newCompareCmd() *cobra.Command {
	var dir, format, by, province string
	var year int
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "compare (--year Y | --province P)",
		Short: "Compare the bloc's members: provinces by units for a year, or units by years for a province",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, f, err := readerWithFilter(cmd, dir, &ff)
			if err != nil {
				return err
			}
			defer c.Close()
			t, err := c.Compare(corpus.CompareOptions{Year: year, Province: province, By: corpus.Group(by), Filter: f})
			if err != nil {
				return err
			}
			return corpus.WriteTable(cmd.OutOrStdout(), t, renderOptions(cmd.OutOrStdout(), format))
		},
	}
	addDataFlag(cmd, &dir)
	cmd.Flags().IntVar(&year, "year", 0, "the year to compare provinces in")
	cmd.Flags().StringVar(&province, "province", "", "the province whose years to compare")
	cmd.Flags().StringVar(&by, "by", string(corpus.ByProvince), "rows: province or province_2025")
	cmd.Flags().StringVar(&ff.unit, "unit", "", "only this unit")
	cmd.Flags().StringVar(&ff.event, "event", "", "only this event type")
	outputFlag(cmd, &format)
	return cmd
}

func newSearchCmd() *cobra.Command {
	var dir, format string
	var limit, offset int
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search the records (bleve query-string syntax), with facets and highlighted snippets",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, f, err := readerWithFilter(cmd, dir, &ff)
			if err != nil {
				return err
			}
			defer c.Close()
			ro := renderOptions(cmd.OutOrStdout(), format)
			page := corpus.Page{Limit: limit, Offset: offset}
			if ro.Color {
				page.Highlight = "ansi"
			}
			res, err := c.Search(strings.Join(args, " "), f, page)
			if err != nil {
				return err
			}
			return corpus.WriteSearch(cmd.OutOrStdout(), res, ro)
		},
	}
	addDataFlag(cmd, &dir)
	ff.add(cmd, true)
	cmd.Flags().BoolVar(&ff.all, "all", false, "include non-relevant records")
	cmd.Flags().IntVar(&limit, "limit", 20, "hits to show")
	cmd.Flags().IntVar(&offset, "offset", 0, "hits to skip")
	outputFlag(cmd, &format)
	return cmd
}
