package io.leadflow.imports;

import io.leadflow.imports.FileKind.Format;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.springframework.http.HttpStatus;

/**
 * Tells from a file's bytes what it is, and refuses what cannot be imported with a message a
 * person understands: not a spreadsheet, a password-protected workbook, a zip bomb, text in an
 * unknown encoding. For CSV it detects the encoding (UTF-8 with or without BOM, UTF-16 with BOM,
 * else GBK/GB18030, what Excel on a Chinese Windows saves) and the delimiter (comma, semicolon,
 * tab or pipe).
 */
final class FileSniffer {

  private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
  private static final byte[] EMPTY_ZIP = {0x50, 0x4B, 0x05, 0x06};
  private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
      (byte) 0xB1, 0x1A, (byte) 0xE1};
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final char[] DELIMITERS = {',', ';', '\t', '|'};
  static final Charset GBK = Charset.forName("GBK");
  static final Charset GB18030 = Charset.forName("GB18030");
  static final String NOT_A_SPREADSHEET =
      "is not a spreadsheet: upload an Excel workbook (.xlsx, .xls) or a CSV file";

  private final ImportProperties limits;

  FileSniffer(ImportProperties limits) {
    this.limits = limits;
  }

  FileKind sniff(Path file) throws IOException {
    byte[] head = new byte[8192];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n == 0) {
      throw ImportRefusedException.bad("is empty");
    }
    head = Arrays.copyOf(head, n);
    if (startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP)) {
      checkWorkbookZip(file);
      return FileKind.workbook(Format.XLSX);
    }
    if (startsWith(head, OLE2)) {
      checkOle2(file);
      return FileKind.workbook(Format.XLS);
    }
    String known = knownBinary(head);
    if (known != null) {
      throw unsupported("is " + known + ", not a spreadsheet: upload an Excel workbook (.xlsx,"
          + " .xls) or a CSV file");
    }
    return sniffText(file, head);
  }

  private static ImportRefusedException unsupported(String message) {
    return new ImportRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, message);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
  }

  private static String knownBinary(byte[] head) {
    String start = new String(head, 0, Math.min(head.length, 16), StandardCharsets.ISO_8859_1);
    if (start.startsWith("%PDF")) return "a PDF document";
    if (start.startsWith("\u0089PNG") || start.startsWith("GIF8")
        || (head.length > 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8)) {
      return "an image";
    }
    if (start.startsWith("Rar!") || start.startsWith("7z") || (head.length > 1
        && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B)) {
      return "a compressed archive";
    }
    String text = new String(head, StandardCharsets.ISO_8859_1).stripLeading().toLowerCase();
    if (text.startsWith("<!doctype html") || text.startsWith("<html")) {
      return "an HTML page (open it in Excel and save it as .xlsx)";
    }
    return null;
  }

  /**
   * An .xlsx is a ZIP of XML parts. Every part is inflated once here, counting: what expands
   * beyond the limits (in all, or any part against its compressed size) is refused as a possible
   * zip bomb before any XML parser sees it.
   */
  private void checkWorkbookZip(Path file) throws IOException {
    try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
      List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
      if (entries.stream().noneMatch(e -> e.getName().equals("[Content_Types].xml"))
          || entries.stream().noneMatch(e -> e.getName().startsWith("xl/"))) {
        boolean word = entries.stream().anyMatch(e -> e.getName().startsWith("word/"));
        throw unsupported(word ? "is a Word document, not a spreadsheet"
            : "is a ZIP archive, not an Excel workbook: upload the .xlsx, .xls or CSV file itself");
      }
      if (entries.size() > 10_000) {
        throw bomb();
      }
      long total = 0;
      long max = limits.maxUnzipped().toBytes();
      byte[] buffer = new byte[64 * 1024];
      for (ZipArchiveEntry entry : entries) {
        long compressed = Math.max(entry.getCompressedSize(), 1);
        long inflated = 0;
        try (InputStream in = zip.getInputStream(entry)) {
          int read;
          while ((read = in.read(buffer)) > 0) {
            inflated += read;
            total += read;
            if (total > max || (inflated > 1_000_000
                && inflated > compressed * limits.maxExpansion())) {
              throw bomb();
            }
          }
        }
      }
    } catch (ImportRefusedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw ImportRefusedException.bad("is not a readable Excel workbook (a damaged or cut-off"
          + " .xlsx): " + e.getMessage());
    }
  }

  private ImportRefusedException bomb() {
    return new ImportRefusedException(HttpStatus.PAYLOAD_TOO_LARGE, "expands to more than "
        + limits.maxUnzipped().toMegabytes() + " MB, or one of its parts to more than "
        + limits.maxExpansion() + " times its size: refused as a possible zip bomb");
  }

  /** An OLE2 file: a legacy .xls, or an encrypted .xlsx, or another Office document. */
  private static void checkOle2(Path file) {
    try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
      DirectoryNode root = fs.getRoot();
      if (root.hasEntry("EncryptedPackage") || root.hasEntry("EncryptionInfo")) {
        throw ImportRefusedException.bad("is password-protected (encrypted): save it without a"
            + " password and upload it again");
      }
      if (!root.hasEntry("Workbook") && !root.hasEntry("WORKBOOK") && !root.hasEntry("Book")) {
        throw unsupported("is an Office document that is not an Excel workbook");
      }
    } catch (ImportRefusedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw ImportRefusedException.bad("is not a readable Excel workbook (a damaged .xls): "
          + e.getMessage());
    }
  }

  private FileKind sniffText(Path file, byte[] head) throws IOException {
    Charset charset;
    String encoding;
    int bom = 0;
    if (startsWith(head, UTF8_BOM)) {
      charset = StandardCharsets.UTF_8;
      encoding = "UTF-8";
      bom = 3;
    } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      encoding = "UTF-16LE";
      bom = 2;
    } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      encoding = "UTF-16BE";
      bom = 2;
    } else {
      for (byte b : head) {
        if (b == 0) {
          throw unsupported(NOT_A_SPREADSHEET);
        }
      }
      if (decodes(file, StandardCharsets.UTF_8)) {
        charset = StandardCharsets.UTF_8;
        encoding = "UTF-8";
      } else if (decodes(file, GBK)) {
        charset = GB18030; // the same characters for GBK text, and more
        encoding = "GBK";
      } else if (decodes(file, GB18030)) {
        charset = GB18030;
        encoding = "GB18030";
      } else {
        throw ImportRefusedException.bad("is text in an encoding LeadFlow does not read: save it"
            + " as CSV in UTF-8 or GBK");
      }
    }
    String sample = sample(file, charset, bom);
    boolean sepLine = sample.startsWith("sep=") && sample.length() > 4;
    char delimiter = sepLine ? sample.charAt(4) : detectDelimiter(sample);
    return new FileKind(Format.CSV, charset, encoding, bom > 0, delimiter, sepLine);
  }

  /** Whether the whole file is valid text in this charset. */
  private static boolean decodes(Path file, Charset charset) throws IOException {
    CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    CharBuffer out = CharBuffer.allocate(64 * 1024);
    try (InputStream stream = new BufferedInputStream(Files.newInputStream(file))) {
      byte[] chunk = new byte[32 * 1024];
      int read;
      while ((read = stream.read(chunk)) > 0) {
        in.put(chunk, 0, read).flip();
        if (decoder.decode(in, out, false).isError()) {
          return false;
        }
        in.compact();
        out.clear();
      }
      in.flip();
      if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
        return false;
      }
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The first 64 KB of text, for the delimiter. */
  private static String sample(Path file, Charset charset, int bom) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(bom);
      Reader reader = new java.io.InputStreamReader(in, charset);
      char[] chars = new char[64 * 1024];
      int n = reader.read(chars);
      return n <= 0 ? "" : new String(chars, 0, n);
    }
  }

  /**
   * The delimiter that splits the most of the first records into as many fields as the header
   * has (at least two); a comma when none does.
   */
  static char detectDelimiter(String sample) {
    int cut = sample.lastIndexOf('\n');
    String lines = cut > 0 ? sample.substring(0, cut) : sample;
    char best = ',';
    int bestScore = 0;
    for (char delimiter : DELIMITERS) {
      int score = 0;
      try (CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get()
          .parse(new java.io.StringReader(lines))) {
        int header = -1;
        int records = 0;
        for (CSVRecord record : parser) {
          if (records++ > 50) break;
          if (header < 0) {
            header = record.size();
          } else if (record.size() == header) {
            score++;
          }
        }
        if (header >= 2) {
          score = score * 1000 + header;
        } else {
          score = 0;
        }
      } catch (IOException | RuntimeException e) {
        score = 0;
      }
      if (score > bestScore) {
        best = delimiter;
        bestScore = score;
      }
    }
    return best;
  }
}
