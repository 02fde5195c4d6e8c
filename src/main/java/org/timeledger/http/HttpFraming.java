package org.timeledger.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * Refuses an HTTP/1 request whose body's length could be read more than one way, before any of
 * it reaches Micronaut: a proxy in front that reads the length one way and this server another
 * would take the rest of one request for the start of the next (request smuggling). Refused
 * (answered 400 by {@link HttpLayerRefusals}, then the connection closed, RFC 9112 §6.1, §6.3):
 * <ul>
 *   <li>both {@code Content-Length} and {@code Transfer-Encoding};</li>
 *   <li>a {@code Transfer-Encoding} other than {@code chunked} alone (we decode no other
 *       coding, and chunked must come last), or any in an HTTP/1.0 request;</li>
 *   <li>a header line folded onto the line before it (obs-fold, RFC 9112 §5.2: a line that
 *       starts with a space or a tab), which servers and proxies join, split or refuse each
 *       their own way;</li>
 *   <li>repeated or disagreeing {@code Content-Length} values (Netty's decoder refuses these
 *       itself).</li>
 * </ul>
 * Netty's decoder accepts the first three: it drops {@code Content-Length} in favour of
 * chunked, joins folded lines and reads {@code chunked, gzip} as chunked. So the server's codec
 * is replaced with one whose decoder is Netty's own plus these checks; the limits
 * ({@code micronaut.server.netty.max-initial-line-length}, {@code max-header-size}, ...) are
 * the configured ones, as in the codec Micronaut builds.
 */
@Singleton
public class HttpFraming implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private final NettyHttpServerConfiguration server;

    public HttpFraming(NettyHttpServerConfiguration server) {
        this.server = server;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        /** A plain HTTP/1 connection's pipeline has its codec under this name (h2c and HTTP/2 have none). */
        @Override
        public void onInitialPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null) {
                channel.pipeline().replace(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                        ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, new Codec(config()));
            }
        }
    }

    /** The configuration Micronaut gives its own codec. */
    private HttpDecoderConfig config() {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(server.getMaxInitialLineLength())
                .setMaxHeaderSize(server.getMaxHeaderSize())
                .setMaxChunkSize(server.getMaxChunkSize())
                .setValidateHeaders(server.isValidateHeaders())
                .setInitialBufferSize(server.getInitialBufferSize());
    }

    /** Why a request was refused, in words for the caller (the problem's detail). */
    public static final class Refused extends DecoderException {
        Refused(String message) {
            super(message);
        }
    }

    static final String BOTH_LENGTHS = "A request may not carry both Content-Length and Transfer-Encoding.";
    static final String ENCODING = "Transfer-Encoding may only be chunked, given once, and not in an HTTP/1.0 request.";
    static final String FOLDED = "A header line may not start with a space or a tab (a line that continues the one "
            + "before it); send each header on one line.";

    /**
     * Netty's {@code HttpServerCodec} with {@link Decoder} in place of its decoder. Like it, it
     * remembers each request's method so that the answer to a HEAD has no body, and the answer
     * to a CONNECT no Transfer-Encoding.
     */
    static final class Codec extends CombinedChannelDuplexHandler<Decoder, HttpResponseEncoder> {
        private final Queue<HttpMethod> methods = new ArrayDeque<>();

        Codec(HttpDecoderConfig config) {
            init(new Decoder(config, methods), new HttpResponseEncoder() {
                private HttpMethod method;

                @Override
                protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
                    if (!isAlwaysEmpty && HttpMethod.CONNECT.equals(method) && msg.status().codeClass() == HttpStatusClass.SUCCESS) {
                        msg.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                        return;
                    }
                    super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
                }

                @Override
                protected boolean isContentAlwaysEmpty(HttpResponse msg) {
                    method = methods.poll();
                    return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
                }
            });
        }
    }

    /**
     * Netty's request decoder, with the checks above. A folded line is found by watching the
     * bytes the decoder consumes while it reads a request's head (its request line and headers:
     * it reads a head's bytes in calls of their own, apart from any body's); the other checks
     * look at the headers of the request it produced. A refused request is passed on marked as
     * not decodable, and everything after it on the connection is discarded, as Netty does with
     * a request it cannot parse.
     */
    static final class Decoder extends HttpRequestDecoder {
        private final Queue<HttpMethod> methods;
        private boolean inHead = true;
        private boolean atLineStart = true;
        private boolean inRequestLine = true;
        private boolean lineHasText;
        private boolean folded;
        private boolean refused;

        Decoder(HttpDecoderConfig config, Queue<HttpMethod> methods) {
            super(config);
            this.methods = methods;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (refused) {
                buffer.skipBytes(buffer.readableBytes());
                return;
            }
            int from = buffer.readerIndex();
            int produced = out.size();
            super.decode(ctx, buffer, out);
            if (inHead) {
                watchHead(buffer, from, buffer.readerIndex());
            }
            for (int i = produced; i < out.size(); i++) {
                Object message = out.get(i);
                if (message instanceof HttpRequest request) {
                    methods.add(request.method());
                    inHead = false;
                    if (request.decoderResult().isSuccess()) {
                        String refusal = refusal(request);
                        if (refusal != null) {
                            request.setDecoderResult(DecoderResult.failure(new Refused(refusal)));
                            refused = true;
                            return;
                        }
                    }
                }
                if (message instanceof LastHttpContent) {
                    startHead();
                }
            }
        }

        /** Keeps what {@link #decode} saw of the head: whether a line after the request line starts with a space or a tab. */
        private void watchHead(ByteBuf buffer, int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = buffer.getByte(i);
                if (b == '\n') {
                    if (inRequestLine && lineHasText) {
                        inRequestLine = false;
                    }
                    atLineStart = true;
                    lineHasText = false;
                    continue;
                }
                if (atLineStart && !inRequestLine && (b == ' ' || b == '\t')) {
                    folded = true;
                }
                atLineStart = false;
                lineHasText |= b != '\r';
            }
        }

        private void startHead() {
            inHead = true;
            atLineStart = true;
            inRequestLine = true;
            lineHasText = false;
            folded = false;
        }

        /** What is wrong with the framing of a request Netty read, or null. */
        private String refusal(HttpRequest request) {
            if (folded) {
                return FOLDED;
            }
            boolean encoded = request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING);
            if (encoded && request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                return BOTH_LENGTHS;
            }
            if (encoded) {
                List<String> codings = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
                boolean chunkedAlone = codings.size() == 1
                        && HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(codings.get(0).strip());
                if (!chunkedAlone || request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                    return ENCODING;
                }
            }
            return null;
        }

        /** Netty drops Content-Length when chunked comes with it; here the request is refused instead. */
        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            throw new Refused(BOTH_LENGTHS);
        }

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            if (refused) {
                in.skipBytes(in.readableBytes());
                return;
            }
            super.decodeLast(ctx, in, out);
        }
    }
}
