package io.leadflow.imports;

/**
 * What is wrong with a row: the column (its header and letter), the lead field, the value as the
 * file had it, and the reason, in the words of the API's 400 (e.g. "is not a valid phone
 * number"). Column and value are null for a problem of the whole row.
 */
record RowProblem(String column, String columnLetter, String field, String value,
    String reason) {}
