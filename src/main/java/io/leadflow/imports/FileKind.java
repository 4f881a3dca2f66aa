package io.leadflow.imports;

import java.nio.charset.Charset;

/**
 * What an uploaded file is, as detected from its bytes (never from its name): the format and,
 * for CSV, the encoding, whether it starts with a byte order mark, the delimiter and whether a
 * {@code sep=} line comes first (as Excel writes it).
 */
record FileKind(Format format, Charset charset, String encoding, boolean bom, char delimiter,
    boolean sepLine) {

  enum Format {
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    XLS("xls", "application/vnd.ms-excel"),
    CSV("csv", "text/csv");

    final String extension;
    final String mediaType;

    Format(String extension, String mediaType) {
      this.extension = extension;
      this.mediaType = mediaType;
    }
  }

  static FileKind workbook(Format format) {
    return new FileKind(format, null, null, false, ',', false);
  }

  /** The delimiter as a name people read: comma, semicolon, tab, pipe. */
  String delimiterName() {
    return switch (delimiter) {
      case ';' -> "semicolon";
      case '\t' -> "tab";
      case '|' -> "pipe";
      default -> "comma";
    };
  }
}
