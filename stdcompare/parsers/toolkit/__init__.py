"""What every parser reads with: one of each, so that a fix reaches every reader.

- decode: bytes of a text document to text (decode(data, path, WESTERN | CHINESE)).
- phrases: the vocabulary's phrase table compiled (bound words en/zh, free-of, by agreement).
- words: words(text), same_word(a, b, stems=False), covered(name, have).
- recogniser: Recogniser(vocab).limits_in / prohibition / row_limit / bound_cell / label /
  header_unit; Limit.requirement(...).
- tables: Table.placed(rows, column, colspan, rowspan, header) -> rows of Cell (content, row,
  column as the file numbers it, width, own, header, text); header_direction(), header_rows(),
  column_units(unit_of), texts(row); place_cells (the placement under it), number, dense.
- dates: day(text), month_first(text), stamp(field), year_month(field), make(y, m, d).
- markup: localname, squash, own_text, guarded (XML and HTML).
- coverage: Units (text units met / made structure, the rest notes), capturing.
- shell: Requirements (one per property), slug, sha256, origin(), official_source().
"""
