package io.leadflow.imports;

import io.leadflow.imports.FileKind.Format;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.eventusermodel.FormatTrackingHSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.eventusermodel.MissingRecordAwareHSSFListener;
import org.apache.poi.hssf.eventusermodel.dummyrecord.LastCellOfRowDummyRecord;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DateUtil;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;

/**
 * Reads a file's rows in order as text, as Excel shows them, streaming: FastExcel's reader for
 * .xlsx (one row at a time; its shared strings are kept as they are read), POI's HSSF event API
 * for .xls, Commons CSV for CSV. Numbers lose Excel's binary noise (15 significant digits, no
 * trailing zeros: 13812345678, 0.3), dates read as 2026-11-23 (or with a time).
 */
abstract class SheetReader {

  /** One row: its number as Excel shows it (the header is usually 1) and its cells. */
  interface RowHandler {
    /** @return false to stop reading */
    boolean row(int number, List<String> cells);
  }

  /** The rows of the sheet (by name; null: the first visible one), the header first. */
  abstract void read(String sheet, RowHandler handler) throws IOException;

  /** The workbook's sheets, by name (CSV has none). */
  abstract List<String> sheets() throws IOException;

  static SheetReader of(Path file, FileKind kind) {
    return switch (kind.format()) {
      case XLSX -> new Xlsx(file);
      case XLS -> new Xls(file);
      case CSV -> new Csv(file, kind);
    };
  }

  static ImportRefusedException noSuchSheet(String sheet) {
    return ImportRefusedException.bad("has no sheet named " + sheet);
  }

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** A numeric cell's text: a date when its format is one, else the number. */
  static String number(double value, Integer formatId, String format, boolean date1904) {
    if (formatId != null && DateUtil.isADateFormat(formatId, format)
        && DateUtil.isValidExcelDate(value)) {
      LocalDateTime at = DateUtil.getLocalDateTime(value, date1904);
      return at.toLocalTime().toSecondOfDay() == 0 ? DATE.format(at) : DATE_TIME.format(at);
    }
    return number(BigDecimal.valueOf(value));
  }

  static String number(BigDecimal value) {
    BigDecimal rounded = value.round(new MathContext(15)).stripTrailingZeros();
    return rounded.signum() == 0 ? "0" : rounded.toPlainString();
  }

  /** .xlsx through FastExcel's streaming reader. */
  static final class Xlsx extends SheetReader {
    private final Path file;

    Xlsx(Path file) {
      this.file = file;
    }

    @Override
    List<String> sheets() throws IOException {
      try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
        return workbook.getSheets().map(Sheet::getName).toList();
      }
    }

    @Override
    void read(String name, RowHandler handler) throws IOException {
      try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile(),
          new ReadingOptions(true, false))) {
        Optional<Sheet> found = name == null
            ? workbook.getSheets().filter(s -> s.getVisibility() == SheetVisibility.VISIBLE)
                .findFirst().or(() -> Optional.ofNullable(workbook.getFirstSheet()))
            : workbook.findSheet(name);
        Sheet sheet = found.orElseThrow(() -> noSuchSheet(name));
        try (Stream<Row> rows = sheet.openStream()) {
          Iterator<Row> it = rows.iterator();
          while (it.hasNext()) {
            Row row = it.next();
            List<String> cells = new ArrayList<>(row.getCellCount());
            for (int i = 0; i < row.getCellCount(); i++) {
              cells.add(text(row.getCell(i), workbook.isDate1904()));
            }
            if (!handler.row(row.getRowNum(), cells)) {
              return;
            }
          }
        }
      } catch (org.dhatim.fastexcel.reader.ExcelReaderException | java.io.UncheckedIOException e) {
        throw ImportRefusedException.bad("is not a readable Excel workbook: " + e.getMessage());
      }
    }

    private static String text(Cell cell, boolean date1904) {
      if (cell == null) {
        return "";
      }
      return switch (cell.getType()) {
        case NUMBER -> number(cell.asNumber().doubleValue(), cell.getDataFormatId(),
            cell.getDataFormatString(), date1904);
        case BOOLEAN -> Boolean.TRUE.equals(cell.asBoolean()) ? "TRUE" : "FALSE";
        case EMPTY -> "";
        default -> cell.getRawValue() == null ? "" : cell.getRawValue();
      };
    }
  }

  /** Legacy .xls through POI's HSSF event API: records as they come, never the whole sheet. */
  static final class Xls extends SheetReader {
    private final Path file;

    Xls(Path file) {
      this.file = file;
    }

    /** Thrown by the listener to stop the event stream early. */
    private static final class Stop extends RuntimeException {
      Stop() {
        super(null, null, false, false);
      }
    }

    @Override
    List<String> sheets() throws IOException {
      List<String> names = new ArrayList<>();
      events(record -> {
        if (record instanceof BoundSheetRecord sheet) {
          names.add(sheet.getSheetname());
        } else if (record instanceof BOFRecord bof && bof.getType() == BOFRecord.TYPE_WORKSHEET) {
          throw new Stop();
        }
      });
      return names;
    }

    @Override
    void read(String name, RowHandler handler) throws IOException {
      List<String> names = new ArrayList<>();
      int[] sheet = {-1};
      int[] wanted = {name == null ? 0 : -1};
      SSTRecord[] strings = {null};
      List<String> cells = new ArrayList<>();
      int[] formulaColumn = {-1};
      FormatTrackingHSSFListener[] formats = {null};
      HSSFListener cellsOf = record -> {
        if (record instanceof BoundSheetRecord bound) {
          names.add(bound.getSheetname());
          if (bound.getSheetname().equals(name)) {
            wanted[0] = names.size() - 1;
          }
          return;
        }
        if (record instanceof SSTRecord sst) {
          strings[0] = sst;
          return;
        }
        if (record instanceof BOFRecord bof && bof.getType() == BOFRecord.TYPE_WORKSHEET) {
          if (wanted[0] < 0) {
            throw noSuchSheet(name);
          }
          if (++sheet[0] > wanted[0]) {
            throw new Stop();
          }
          return;
        }
        if (sheet[0] != wanted[0]) {
          return;
        }
        if (record instanceof LastCellOfRowDummyRecord end) {
          if (!handler.row(end.getRow() + 1, new ArrayList<>(cells))) {
            throw new Stop();
          }
          cells.clear();
          return;
        }
        if (record instanceof StringRecord string && formulaColumn[0] >= 0) {
          put(cells, formulaColumn[0], string.getString());
          formulaColumn[0] = -1;
          return;
        }
        if (record instanceof CellValueRecordInterface cell) {
          String text = "";
          if (record instanceof LabelSSTRecord label) {
            text = strings[0].getString(label.getSSTIndex()).getString();
          } else if (record instanceof LabelRecord label) {
            text = label.getValue();
          } else if (record instanceof NumberRecord number) {
            text = number(number.getValue(), formats[0].getFormatIndex(number),
                formats[0].getFormatString(number), false);
          } else if (record instanceof BoolErrRecord bool) {
            text = !bool.isBoolean() ? "#ERROR" : bool.getBooleanValue() ? "TRUE" : "FALSE";
          } else if (record instanceof FormulaRecord formula) {
            if (formula.hasCachedResultString()) {
              formulaColumn[0] = formula.getColumn();
            } else {
              text = number(formula.getValue(), formats[0].getFormatIndex(formula),
                  formats[0].getFormatString(formula), false);
            }
          }
          put(cells, cell.getColumn(), text);
        }
      };
      formats[0] = new FormatTrackingHSSFListener(cellsOf);
      events(new MissingRecordAwareHSSFListener(formats[0]));
    }

    private static void put(List<String> cells, int column, String text) {
      while (cells.size() <= column) {
        cells.add("");
      }
      cells.set(column, text == null ? "" : text);
    }

    private void events(HSSFListener listener) throws IOException {
      try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
        HSSFRequest request = new HSSFRequest();
        request.addListenerForAllRecords(listener);
        new HSSFEventFactory().processWorkbookEvents(request, fs);
      } catch (Stop done) {
        // read as far as needed
      } catch (EncryptedDocumentException e) {
        throw ImportRefusedException.bad("is password-protected (encrypted): save it without a"
            + " password and upload it again");
      } catch (ImportRefusedException e) {
        throw e;
      } catch (RuntimeException e) {
        throw ImportRefusedException.bad("is not a readable Excel workbook (a damaged .xls): "
            + e.getMessage());
      }
    }
  }

  /** CSV in the detected encoding and delimiter; the row number counts records as Excel shows. */
  static final class Csv extends SheetReader {
    private final Path file;
    private final FileKind kind;

    Csv(Path file, FileKind kind) {
      this.file = file;
      this.kind = kind;
    }

    @Override
    List<String> sheets() {
      return List.of();
    }

    @Override
    void read(String sheet, RowHandler handler) throws IOException {
      try (InputStream in = Files.newInputStream(file)) {
        in.skipNBytes(kind.bom() ? (kind.charset().name().startsWith("UTF-16") ? 2 : 3) : 0);
        Reader reader = new java.io.BufferedReader(new InputStreamReader(in, kind.charset()),
            64 * 1024);
        if (kind.sepLine()) {
          skipLine(reader);
        }
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(kind.delimiter())
            .setIgnoreEmptyLines(false).get().parse(reader)) {
          for (CSVRecord record : parser) {
            if (!handler.row((int) record.getRecordNumber(), record.toList())) {
              return;
            }
          }
        } catch (java.io.UncheckedIOException e) {
          throw ImportRefusedException.bad("is not a well-formed CSV file: "
              + e.getCause().getMessage());
        }
      }
    }

    private static void skipLine(Reader reader) throws IOException {
      int c;
      while ((c = reader.read()) >= 0 && c != '\n') {
        // the sep= line
      }
    }
  }
}
