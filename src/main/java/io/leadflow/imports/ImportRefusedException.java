package io.leadflow.imports;

import org.springframework.http.HttpStatus;

/** The file cannot be imported (a 4xx naming the problem): not a spreadsheet, too big, ... */
class ImportRefusedException extends RuntimeException {

  private final HttpStatus status;

  ImportRefusedException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  /** 400: the file is unusable as it is. */
  static ImportRefusedException bad(String message) {
    return new ImportRefusedException(HttpStatus.BAD_REQUEST, message);
  }

  HttpStatus status() {
    return status;
  }
}
