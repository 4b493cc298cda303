"""What every parser reads with: one of each, so that a fix reaches every reader.

- decode: bytes of a text document to text: decode(data, path, WESTERN | CHINESE) -> Decoded
  (text, encoding, warnings); binary noise refused, control characters dropped.
- phrases: phrases(vocab) / default_phrases(): vocabulary/phrases.toml compiled (bounds: the
  BoundWords parse_bound takes; compare, free_of, free_of_loose, free_list, agreed, zh_free,
  zh_agreed; the words after / before a number and the nominal ones).
- words: words(text), same_word(a, b, stems=False).
- recogniser: recogniser(vocab) (one per vocabulary) -> Recogniser: limits_in / prohibition /
  agreement / row_limit / bound_cell / label / name_in (a name's words all in a phrase) / pick
  (the words around a number vote, prose) / contaminant (a listed item) / header_unit;
  Limit.requirement(...); zh_property, zh_contaminant (Chinese).
- names: the vocabulary's names indexed for the recogniser (names(vocab)); prose_words(text).
- tables: Table.placed(rows, column, colspan, rowspan, header) -> rows of Cell (content, row,
  column as the file numbers it, width, own, header, text); header_direction(), header_rows(),
  column_units(unit_of), texts(row); place_cells (the placement under it), number, dense.
- dates: day(text), month_first(text), stamp(field), year_month(field), make(y, m, d).
- markup: localname, squash, own_text, guarded (XML and HTML).
- coverage: Units (text units met / made structure, the rest notes), capturing.
- shell: Requirements (one per property), make_req(prop, flags, **fields), slug, sha256,
  origin(path, data, format, parser, version), official_source(id, address, edition, ...).
"""
