/**
 * TCP side of the embedded MongoDB-compatible store: one framer per connection, OP_MSG and legacy OP_QUERY
 * handling, and isolation so that a misbehaving client only ever loses its own connection.
 */
import net from 'node:net';
import type { Document } from 'bson';
import type { Logger } from '../../shared/logger.js';
import type { Dispatcher } from './dispatcher.js';
import { ErrorCodes, StoreError } from './errors.js';
import {
  MessageFramer,
  OP_COMPRESSED,
  OP_MSG,
  OP_QUERY,
  WireError,
  encodeOpMsg,
  encodeOpReply,
  parseOpMsg,
  parseOpQuery,
  readHeader,
} from './wire.js';

/**
 * Holds replies until the writes behind them are durable (the journal, when the store persists). Replies are
 * released in the order they were held, so a connection's replies never overtake each other.
 */
export interface ReplyGate {
  hold(onDurable: () => void, onFailed: (failure: StoreError) => void): void;
}

export class WireServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private nextConnectionId = 1;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly logger: Logger,
    private readonly gate?: ReplyGate,
  ) {
    this.server = net.createServer((socket) => this.accept(socket));
    this.server.on('error', (error) => this.logger.error({ err: error }, 'embedded store listener error'));
  }

  /** Listens and resolves with the bound port. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stops listening and closes every client connection. */
  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    const connectionId = this.nextConnectionId++;
    const framer = new MessageFramer();
    this.sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', (error) =>
      this.logger.debug({ err: error, connectionId }, 'embedded store socket error'),
    );
    socket.on('data', (chunk: Buffer) => {
      let messages: Buffer[];
      try {
        messages = framer.push(chunk);
      } catch (error) {
        // The stream cannot be re-synchronised after a bad length: answer once, then drop only this client.
        this.failConnection(socket, 0, error);
        return;
      }
      for (const message of messages) {
        if (socket.destroyed) return;
        this.handle(socket, message, connectionId);
      }
    });
  }

  private handle(socket: net.Socket, message: Buffer, connectionId: number): void {
    const header = readHeader(message);
    try {
      if (header.opCode === OP_MSG) {
        const request = parseOpMsg(message);
        const reply = this.dispatcher.run(request.body, connectionId);
        if (!request.moreToCome) {
          this.send(socket, encodeOpMsg(reply, header.requestId), (failure) =>
            encodeOpMsg(failure.toReply(), header.requestId),
          );
        }
      } else if (header.opCode === OP_QUERY) {
        const request = parseOpQuery(message);
        const reply = this.runLegacy(request.fullCollectionName, request.query, connectionId);
        this.send(socket, encodeOpReply(reply, header.requestId), (failure) =>
          encodeOpReply(failure.toReply(), header.requestId),
        );
      } else if (header.opCode === OP_COMPRESSED) {
        throw new WireError('OP_COMPRESSED is not supported (the store never advertises compression)');
      } else {
        throw new WireError(`unsupported opCode ${header.opCode}`);
      }
    } catch (error) {
      // The frame itself was intact, so the connection stays usable: answer this request with an error.
      const message = error instanceof Error ? error.message : String(error);
      const code = error instanceof WireError ? ErrorCodes.ProtocolError : ErrorCodes.InvalidBSON;
      const reply = new StoreError(code, `malformed message: ${message}`).toReply();
      this.logger.debug({ err: error, connectionId }, 'embedded store rejected a malformed message');
      const bytes =
        header.opCode === OP_QUERY
          ? encodeOpReply(reply, header.requestId)
          : encodeOpMsg(reply, header.requestId);
      this.send(socket, bytes, () => bytes);
    }
  }

  /** Writes a reply now, or once the gate says the writes before it are on disk (or why they never will be). */
  private send(socket: net.Socket, reply: Buffer, onFailure: (failure: StoreError) => Buffer): void {
    if (!this.gate) {
      socket.write(reply);
      return;
    }
    const write = (bytes: Buffer): void => {
      if (!socket.destroyed) socket.write(bytes);
    };
    this.gate.hold(
      () => write(reply),
      (failure) => write(onFailure(failure)),
    );
  }

  /** Legacy OP_QUERY is only valid for commands on `<db>.$cmd` (the driver's first hello/isMaster). */
  private runLegacy(namespace: string, query: Document, connectionId: number): Document {
    const [db, collection] = [
      namespace.slice(0, namespace.indexOf('.')),
      namespace.slice(namespace.indexOf('.') + 1),
    ];
    if (collection !== '$cmd') {
      return new StoreError(
        ErrorCodes.CommandNotSupported,
        'legacy OP_QUERY is only supported for commands',
      ).toReply();
    }
    // Drivers may wrap the command as { $query: {...}, $readPreference: ... }.
    const command = (query['$query'] as Document | undefined) ?? query;
    return this.dispatcher.run({ ...command, $db: db }, connectionId);
  }

  private failConnection(socket: net.Socket, requestId: number, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.debug({ err: error }, 'embedded store rejected a malformed message');
    const reply = new StoreError(ErrorCodes.ProtocolError, `malformed message: ${message}`).toReply();
    try {
      socket.end(encodeOpMsg(reply, requestId));
    } catch {
      socket.destroy();
    }
  }
}
