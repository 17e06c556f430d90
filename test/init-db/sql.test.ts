import { describe, expect, it } from '@jest/globals';
import { firstLine, parseSql, SqlSyntaxError } from '../../actions/init-db/src/sql';
import { dbErrorText, errorCode } from '../../actions/init-db/src/db';

const split = (text: string) => parseSql(text).statements.map((s) => s.sql);
const sum = (text: string) => parseSql(text).checksum;

describe('SQL splitter', () => {
  it('splits on semicolons, drops empty statements and surrounding whitespace, keeps a last statement without delimiter', () => {
    expect(split('CREATE TABLE a (id INT);\n\n  INSERT INTO a VALUES (1) ;;\nSELECT 1')).toEqual([
      'CREATE TABLE a (id INT)',
      'INSERT INTO a VALUES (1)',
      'SELECT 1',
    ]);
    expect(split('')).toEqual([]);
    expect(split('  \n -- only a comment\n')).toEqual([]);
  });

  it('never splits inside single, double or backtick quotes', () => {
    expect(split(`INSERT INTO t VALUES ('a;b', "c;d");SELECT \`we;ird\` FROM t;`)).toEqual([`INSERT INTO t VALUES ('a;b', "c;d")`, 'SELECT `we;ird` FROM t']);
  });

  it('handles backslash and doubled-quote escapes', () => {
    expect(split(`SELECT 'it''s; fine';SELECT 'a\\'; b';SELECT "x\\"; y";SELECT 'ends with \\\\';SELECT 2`)).toEqual([
      `SELECT 'it''s; fine'`,
      `SELECT 'a\\'; b'`,
      `SELECT "x\\"; y"`,
      `SELECT 'ends with \\\\'`,
      'SELECT 2',
    ]);
    expect(split('SELECT `a``;b`;SELECT 1')).toEqual(['SELECT `a``;b`', 'SELECT 1']);
  });

  it('ignores delimiters in --, # and /* */ comments, and drops leading comments from the statement', () => {
    const sql = [
      '-- header; with semicolon',
      '# hash comment;',
      '/* block;',
      '   comment; */',
      'CREATE TABLE t (id INT); -- trailing;',
      'SELECT 1 /* inline; */ + 1;',
    ].join('\n');
    expect(split(sql)).toEqual(['CREATE TABLE t (id INT)', 'SELECT 1 /* inline; */ + 1']);
  });

  it('reads -- as a comment only when followed by whitespace (MySQL rule): 5--1 is arithmetic', () => {
    expect(split('SELECT 5--1;SELECT 2')).toEqual(['SELECT 5--1', 'SELECT 2']);
    expect(split('SELECT 1 --\n;SELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('keeps executable comments and hints as code', () => {
    expect(split('/*!40101 SET NAMES utf8mb4 */;SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1;')).toEqual([
      '/*!40101 SET NAMES utf8mb4 */',
      'SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1',
    ]);
  });

  it('follows DELIMITER for procedures and triggers, and returns to ;', () => {
    const sql = `CREATE TABLE orders (id INT, total INT);
DELIMITER $$
CREATE PROCEDURE add_order(IN t INT)
BEGIN
  -- a comment; inside
  INSERT INTO orders VALUES (NULL, t);
  SELECT 'done; really';
END $$
CREATE TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  SET NEW.total = COALESCE(NEW.total, 0);
END$$
delimiter ;
CALL add_order(5);
DELIMITER //
CREATE FUNCTION f() RETURNS INT DETERMINISTIC BEGIN RETURN 1; END //
DELIMITER ;
SELECT f();`;
    const st = parseSql(sql).statements;
    expect(st.map((s) => s.sql.split('\n')[0])).toEqual([
      'CREATE TABLE orders (id INT, total INT)',
      'CREATE PROCEDURE add_order(IN t INT)',
      'CREATE TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW',
      'CALL add_order(5)',
      'CREATE FUNCTION f() RETURNS INT DETERMINISTIC BEGIN RETURN 1; END',
      'SELECT f()',
    ]);
    expect(st[1]!.sql).toContain("SELECT 'done; really';\nEND");
    expect(st[1]!.sql.endsWith('END')).toBe(true);
    expect(st.map((s) => [s.index, s.line])).toEqual([
      [1, 1],
      [2, 3],
      [3, 9],
      [4, 14],
      [5, 16],
      [6, 18],
    ]);
  });

  it('does not take a column or word starting with DELIMITER for the command', () => {
    expect(split('DELETE FROM t;\nDELIMITERS_TABLE_IS_A_NAME;')).toEqual(['DELETE FROM t', 'DELIMITERS_TABLE_IS_A_NAME']);
  });

  it('reports the line of each statement, CRLF files included', () => {
    const st = parseSql('-- c\r\n\r\nSELECT 1;\r\n  SELECT\r\n 2;').statements;
    expect(st.map((s) => [s.line, s.sql])).toEqual([
      [3, 'SELECT 1'],
      [4, 'SELECT\n 2'],
    ]);
  });

  it('rejects unterminated strings and comments with the line', () => {
    expect(() => parseSql("SELECT 1;\nSELECT 'oops;\n")).toThrow(new SqlSyntaxError('unterminated string starting here', 2));
    expect(() => parseSql('SELECT 1;\n\n/* never closed')).toThrow('line 3: unterminated /* comment starting here');
    expect(() => parseSql('SELECT `x')).toThrow('unterminated quoted identifier');
  });

  it('gives first lines for listings', () => {
    expect(firstLine('CREATE TABLE t (\n id INT\n)')).toBe('CREATE TABLE t (');
    expect(firstLine('x'.repeat(150))).toHaveLength(101);
  });
});

describe('checksum rule: comments and whitespace outside strings do not count; everything else does', () => {
  const base = `CREATE TABLE orders (
  id INT PRIMARY KEY,
  note VARCHAR(20) DEFAULT 'a  b'
);
INSERT INTO orders VALUES (1, 'x');
`;

  it('tolerates comment-only edits (added, changed, removed; -- # and /* */)', () => {
    const commented = `-- Orders: the shop's orders table
/* reviewed by the DBA team */
CREATE TABLE orders ( # primary data
  id INT PRIMARY KEY, -- surrogate key
  note VARCHAR(20) DEFAULT 'a  b' /* free text */
);
-- seed
INSERT INTO orders VALUES (1, 'x'); -- done
`;
    expect(sum(commented)).toBe(sum(base));
  });

  it('tolerates line endings, trailing whitespace, indentation and blank lines', () => {
    expect(sum(base.replace(/\n/g, '\r\n'))).toBe(sum(base));
    expect(sum(base.replace(/\n/g, '   \t\n'))).toBe(sum(base));
    expect(sum(base.replace(/\n {2}/g, '\n\t\t'))).toBe(sum(base));
    expect(sum(`\n\n${base}\n\n\n`)).toBe(sum(base));
    expect(sum(`\uFEFF${base}`)).toBe(sum(base));
    expect(sum(base.replace(');\nINSERT', ')  ;\nINSERT'))).toBe(sum(base));
  });

  it('treats any statement change as drift', () => {
    expect(sum(base.replace('INT PRIMARY KEY', 'BIGINT PRIMARY KEY'))).not.toBe(sum(base));
    expect(sum(base.replace("(1, 'x')", "(2, 'x')"))).not.toBe(sum(base));
    expect(sum(base.replace('orders VALUES', '`orders` VALUES'))).not.toBe(sum(base));
    expect(sum(`${base}SELECT 1;`)).not.toBe(sum(base));
  });

  it('treats changes inside strings (whitespace and comment-like text included) as drift', () => {
    expect(sum(base.replace("'a  b'", "'a b'"))).not.toBe(sum(base));
    expect(sum(base.replace("'x'", "'x -- y'"))).not.toBe(sum(base));
  });

  it('counts executable comments and optimizer hints, which the server runs', () => {
    expect(sum(`/*!40101 SET NAMES utf8 */;\n${base}`)).not.toBe(sum(`/*!40101 SET NAMES latin1 */;\n${base}`));
    expect(sum('SELECT /*+ NO_INDEX_MERGE(t) */ 1 FROM t')).not.toBe(sum('SELECT 1 FROM t'));
  });

  it('counts a comment between tokens as a separator, as the server does', () => {
    expect(sum('SELECT a/*x*/b')).toBe(sum('SELECT a b'));
    expect(sum('SELECT a/*x*/b')).not.toBe(sum('SELECT ab'));
  });

  it('is sha256 hex over the normalised text', () => {
    const p = parseSql('SELECT  1 ;  -- x\n');
    expect(p.normalized).toBe('SELECT 1;');
    expect(p.checksum).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('server error codes', () => {
  const mariadb = { version: '10.11.19-MariaDB', mariadb: true };
  const mysql = { version: '8.4.3', mariadb: false };
  it('MariaDB numbers from 1880 on are MariaDB’s own: its name where known, else the number alone', () => {
    expect(errorCode({ code: 'ER_INSTALL_COMPONENT_SET_UNUSED_VALUE', errno: 4161 }, mariadb)).toBe('ER_UNKNOWN_DATA_TYPE 4161');
    expect(errorCode({ code: 'ER_SOMETHING_MYSQL', errno: 4168 }, mariadb)).toBe('MariaDB error 4168');
    expect(errorCode({ code: 'ER_NO_SUCH_TABLE', errno: 1146 }, mariadb)).toBe('ER_NO_SUCH_TABLE 1146');
    expect(errorCode({ code: 'ER_INSTALL_COMPONENT_SET_UNUSED_VALUE', errno: 4161 }, mysql)).toBe('ER_INSTALL_COMPONENT_SET_UNUSED_VALUE 4161');
    expect(dbErrorText({ sqlMessage: "Unknown data type: 'X'", code: 'ER_INSTALL_COMPONENT_SET_UNUSED_VALUE', errno: 4161 }, mariadb)).toBe(
      "Unknown data type: 'X' (ER_UNKNOWN_DATA_TYPE 4161)",
    );
  });
});
