package io.leadflow.imports;

import io.leadflow.imports.ImportStore.StoredRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The rows that failed, as they were uploaded, in the format and (for CSV) the encoding and
 * delimiter of the upload, with a last column that says for each what to fix ("第 5 行 / row 5:
 * 手机 “12” is not a valid phone number"). The reason column is left out when the corrected file
 * is imported again. Written as the rows are read from the database: .xlsx and CSV stream, an
 * .xls (at most 65,535 rows by its format) is built in memory.
 */
final class ErrorFile {

  private ErrorFile() {}

  static String fileName(ImportJob job) {
    String name = job.fileName();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return base + "-errors." + job.format().extension;
  }

  static void write(ImportJob job, ImportStore store, OutputStream out) throws IOException {
    List<String> header = new ArrayList<>(job.header());
    header.add(ColumnMapping.REASON_HEADER);
    switch (job.format()) {
      case CSV -> csv(job, store, header, out);
      case XLSX -> xlsx(job, store, header, out);
      case XLS -> xls(job, store, header, out);
    }
  }

  /** The failed row's cells, as wide as the header, and its reasons last. */
  static List<String> line(StoredRow row, int width) {
    List<String> cells = new ArrayList<>(row.cells() == null ? List.of() : row.cells());
    while (cells.size() < width) {
      cells.add("");
    }
    cells.add("第 " + row.rowNumber() + " 行 / row " + row.rowNumber() + ": "
        + row.problems().stream().map(ErrorFile::reason).collect(Collectors.joining("; ")));
    return cells;
  }

  static String reason(RowProblem problem) {
    String where = problem.column() != null ? problem.column()
        : problem.field() != null ? problem.field() : "";
    String value = problem.value() == null ? "" : " “" + problem.value() + "”";
    return (where + value + " " + problem.reason()).strip();
  }

  private static void csv(ImportJob job, ImportStore store, List<String> header,
      OutputStream out) throws IOException {
    Charset charset = charset(job.encoding());
    if (job.bom()) {
      out.write(charset.equals(StandardCharsets.UTF_8) ? new byte[] {(byte) 0xEF, (byte) 0xBB,
          (byte) 0xBF} : charset.equals(StandardCharsets.UTF_16LE)
          ? new byte[] {(byte) 0xFF, (byte) 0xFE} : new byte[] {(byte) 0xFE, (byte) 0xFF});
    }
    Writer writer = new OutputStreamWriter(out, charset);
    char delimiter = job.delimiter() == null || job.delimiter().isEmpty() ? ','
        : job.delimiter().charAt(0);
    CSVPrinter printer = new CSVPrinter(writer, CSVFormat.EXCEL.builder().setDelimiter(delimiter)
        .get());
    printer.printRecord(header);
    store.forEachFailed(job.id(), row -> {
      try {
        printer.printRecord(line(row, job.header().size()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    printer.flush();
  }

  static Charset charset(String encoding) {
    if (encoding == null) {
      return StandardCharsets.UTF_8;
    }
    return switch (encoding) {
      case "GBK" -> FileSniffer.GBK;
      case "GB18030" -> FileSniffer.GB18030;
      case "UTF-16LE" -> StandardCharsets.UTF_16LE;
      case "UTF-16BE" -> StandardCharsets.UTF_16BE;
      default -> StandardCharsets.UTF_8;
    };
  }

  private static void xlsx(ImportJob job, ImportStore store, List<String> header,
      OutputStream out) throws IOException {
    Workbook workbook = new Workbook(out, "LeadFlow", "1.0");
    Worksheet sheet = workbook.newWorksheet(job.sheet() == null ? "导入错误" : job.sheet());
    for (int c = 0; c < header.size(); c++) {
      sheet.value(0, c, header.get(c));
    }
    sheet.style(0, header.size() - 1).bold().set();
    int[] r = {1};
    store.forEachFailed(job.id(), row -> {
      List<String> cells = line(row, job.header().size());
      for (int c = 0; c < cells.size(); c++) {
        sheet.value(r[0], c, cells.get(c));
      }
      if (r[0]++ % 1000 == 0) {
        try {
          sheet.flush(); // rows written so far leave memory
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });
    workbook.finish();
  }

  private static void xls(ImportJob job, ImportStore store, List<String> header,
      OutputStream out) throws IOException {
    try (HSSFWorkbook workbook = new HSSFWorkbook()) {
      HSSFSheet sheet = workbook.createSheet(job.sheet() == null ? "导入错误" : job.sheet());
      fill(sheet.createRow(0), header);
      int[] r = {1};
      store.forEachFailed(job.id(), row -> fill(sheet.createRow(r[0]++),
          line(row, job.header().size())));
      workbook.write(out);
    }
  }

  private static void fill(HSSFRow row, List<String> cells) {
    for (int c = 0; c < cells.size(); c++) {
      row.createCell(c).setCellValue(cells.get(c));
    }
  }
}
