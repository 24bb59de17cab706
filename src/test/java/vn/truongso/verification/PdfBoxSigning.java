package vn.truongso.verification;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs the way TruongSo's own signer will: PDFBox incremental save, a visible Vietnamese appearance, and a CMS
 * (ETSI.CAdES.detached) made with Bouncy Castle — signing-certificate-v2, no signing-time attribute (PAdES baseline).
 * Here so that verification is tested against that signer's output, not only DSS's.
 */
final class PdfBoxSigning {

    private PdfBoxSigning() {
    }

    /** @param box where the visible signature goes on page 1, or null for an invisible one */
    static byte[] sign(byte[] pdf, PrivateKey key, List<X509Certificate> chain, String name, PDRectangle box) {
        try (PDDocument doc = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream();
             SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(name);
            signature.setReason("Phê duyệt");
            signature.setSignDate(Calendar.getInstance());
            options.setPreferredSignatureSize(20_000);
            if (box != null) {
                options.setVisualSignature(appearance(doc.getPage(0).getMediaBox(), box, name));
                options.setPage(0);
            }
            doc.addSignature(signature, content -> cms(content, key, chain), options);
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-page template holding the signature field and its appearance, merged in by PDFBox. */
    private static InputStream appearance(PDRectangle mediaBox, PDRectangle box, String name) throws IOException {
        try (PDDocument template = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(mediaBox);
            template.addPage(page);
            PDAcroForm form = new PDAcroForm(template);
            template.getDocumentCatalog().setAcroForm(form);
            PDSignatureField field = new PDSignatureField(form);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            form.setSignaturesExist(true);
            form.setAppendOnly(true);
            form.getCOSObject().setDirect(true);
            form.getFields().add(field);
            widget.setRectangle(box);

            PDStream stream = new PDStream(template);
            PDFormXObject xobject = new PDFormXObject(stream);
            xobject.setResources(new PDResources());
            xobject.setFormType(1);
            xobject.setBBox(new PDRectangle(box.getWidth(), box.getHeight()));
            PDAppearanceDictionary ap = new PDAppearanceDictionary();
            ap.getCOSObject().setDirect(true);
            PDAppearanceStream normal = new PDAppearanceStream(xobject.getCOSObject());
            ap.setNormalAppearance(normal);
            widget.setAppearance(ap);
            PDType0Font font;
            try (InputStream ttf = TestCa.font()) {
                font = PDType0Font.load(template, ttf);
            }
            try (PDPageContentStream cs = new PDPageContentStream(template, normal)) {
                cs.beginText();
                cs.setFont(font, 10);
                cs.newLineAtOffset(4, box.getHeight() - 14);
                cs.showText("Ký bởi: " + name);
                cs.newLineAtOffset(0, -14);
                cs.showText("Chức vụ: Hiệu trưởng");
                cs.endText();
            }
            page.getAnnotations().add(widget);
            template.save(out);
            return new ByteArrayInputStream(out.toByteArray());
        }
    }

    private static byte[] cms(InputStream content, PrivateKey key, List<X509Certificate> chain) throws IOException {
        try {
            X509Certificate cert = chain.get(0);
            ESSCertIDv2 id = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                    MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()),
                    new IssuerSerial(new GeneralNames(new GeneralName(
                            X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))), cert.getSerialNumber()));
            AttributeTable extra = new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[]{id}))));
            DefaultSignedAttributeTableGenerator defaults = new DefaultSignedAttributeTableGenerator(extra);
            CMSAttributeTableGenerator noSigningTime = (Map params) ->
                    defaults.getAttributes(params).remove(CMSAttributes.signingTime);
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(noSigningTime)
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(key), cert));
            gen.addCertificates(new JcaCertStore(chain));
            return gen.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
