import type { SalesDocument } from '../erp/documents.js';
import { ItemCatalog } from './item-catalog.js';
import { PostingLedger } from './posting-ledger.js';
import { StockBook } from './stock-book.js';

/** The sandbox ERP's books: items and prices, stock, the posting ledger. */
export class SandboxBooks {
  readonly catalog: ItemCatalog;
  readonly stock: StockBook;
  readonly ledger = new PostingLedger();
  private sales = new Map<string, SalesDocument>();
  private references = 0;

  constructor(currency: string) {
    this.catalog = new ItemCatalog(currency);
    this.stock = new StockBook(this.catalog);
  }

  /** Keeps the first posting of a transaction, which a later void reverses. */
  rememberSale(document: SalesDocument): void {
    const key = `${document.storeId}\u0000${document.transactionId}`;
    if (!this.sales.has(key)) this.sales.set(key, document);
  }

  postedSale(storeId: string, transactionId: string): SalesDocument | undefined {
    return this.sales.get(`${storeId}\u0000${transactionId}`);
  }

  /** The ERP's journal number of the next applied batch, e.g. `SD-000042`. */
  nextReference(prefix: string): string {
    this.references += 1;
    return `${prefix}-${String(this.references).padStart(6, '0')}`;
  }
}
