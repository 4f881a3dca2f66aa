package io.leadflow.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Real files for the import tests, made as Excel and other programs make them. */
final class ImportFiles {

  private ImportFiles() {}

  /** An .xlsx (FastExcel's writer); a cell that parses as a number is written as one. */
  static byte[] xlsx(List<List<String>> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Workbook workbook = new Workbook(out, "LeadFlowTest", "1.0");
      Worksheet sheet = workbook.newWorksheet("名片");
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < rows.get(r).size(); c++) {
          String value = rows.get(r).get(c);
          if (r > 0 && value.matches("\\d{1,15}")) {
            sheet.value(r, c, Long.parseLong(value));
          } else {
            sheet.value(r, c, value);
          }
        }
      }
      workbook.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A legacy .xls (POI's HSSF), with a password if one is given. */
  static byte[] xls(List<List<String>> rows, String password) {
    Biff8EncryptionKey.setCurrentUserPassword(password);
    try (HSSFWorkbook workbook = new HSSFWorkbook()) {
      HSSFSheet sheet = workbook.createSheet("线索");
      for (int r = 0; r < rows.size(); r++) {
        HSSFRow row = sheet.createRow(r);
        for (int c = 0; c < rows.get(r).size(); c++) {
          String value = rows.get(r).get(c);
          if (r > 0 && value.matches("\\d{1,15}")) {
            row.createCell(c).setCellValue(Double.parseDouble(value));
          } else {
            row.createCell(c).setCellValue(value);
          }
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(null);
    }
  }

  /** A CSV as Excel saves it: this charset, optionally a byte order mark, this delimiter. */
  static byte[] csv(List<List<String>> rows, Charset charset, boolean bom, char delimiter) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (bom) {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      CSVPrinter printer = new CSVPrinter(new java.io.OutputStreamWriter(out, charset),
          CSVFormat.EXCEL.builder().setDelimiter(delimiter).get());
      for (List<String> row : rows) {
        printer.printRecord(row);
      }
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] csv(List<List<String>> rows) {
    return csv(rows, StandardCharsets.UTF_8, false, ',');
  }

  /** An .xlsx encrypted with a password, as Excel's "Encrypt with password" makes one. */
  static byte[] encryptedXlsx(byte[] xlsx) {
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      EncryptionInfo info = new EncryptionInfo(EncryptionMode.standard);
      Encryptor encryptor = info.getEncryptor();
      encryptor.confirmPassword("geheim");
      try (OutputStream data = encryptor.getDataStream(fs)) {
        data.write(xlsx);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fs.writeFilesystem(out);
      return out.toByteArray();
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A small ZIP that looks like a workbook and inflates to {@code megabytes} of zeros in its
   * sheet: a zip bomb.
   */
  static byte[] zipBomb(int megabytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < megabytes; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A ZIP of something else (not a workbook). */
  static byte[] zip(String name, String content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
