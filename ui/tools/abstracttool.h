#pragma once

#include <QCursor>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QString>

class QKeyEvent;
class QPainter;

namespace tessera::ui {

class Document;
class MapCanvas;

/// A mouse event in both coordinate systems the tools need.
struct MapMouseEvent {
    QPointF map;                      ///< Mercator metres
    QPointF screen;                   ///< widget pixels
    Qt::MouseButton button = Qt::NoButton;
    Qt::MouseButtons buttons;
    Qt::KeyboardModifiers modifiers;
};

/// A map tool: gets the canvas when activated, mouse events in map
/// coordinates, draws its overlay (rubber band, brush circle) and changes the
/// document only by pushing undo commands. Concrete tools derive directly
/// from this class.
class AbstractTool : public QObject {
    Q_OBJECT

public:
    enum Flag {
        NoFlags = 0,
        EditTool = 1 << 0,      ///< changes the plan (disabled without territories)
        AllowsPanDrag = 1 << 1, ///< a left drag pans the map
    };
    Q_DECLARE_FLAGS(Flags, Flag)

    AbstractTool(const QString &name, Flags flags, QObject *parent = nullptr);

    const QString &name() const { return mName; }
    Flags flags() const { return mFlags; }
    const QString &statusText() const { return mStatusText; }
    QCursor cursor() const { return mCursor; }

    virtual void activate(MapCanvas *canvas);
    virtual void deactivate();

    virtual void mousePressed(const MapMouseEvent &event) { Q_UNUSED(event) }
    virtual void mouseMoved(const MapMouseEvent &event) { Q_UNUSED(event) }
    virtual void mouseReleased(const MapMouseEvent &event) { Q_UNUSED(event) }
    virtual void mouseLeft() {}
    /// Returns true when the tool used the key.
    virtual bool keyPressed(QKeyEvent *event);
    /// Draws the tool's overlay in widget pixels.
    virtual void paintOverlay(QPainter &painter) { Q_UNUSED(painter) }

signals:
    void statusTextChanged(const QString &text);
    /// A one-off message for the status bar (e.g. "2 locked units kept").
    void message(const QString &text);

protected:
    MapCanvas *canvas() const { return mCanvas; }
    Document *document() const;
    void setStatusText(const QString &text);
    void setCursor(const QCursor &cursor) { mCursor = cursor; }

private:
    QString mName;
    Flags mFlags;
    QString mStatusText;
    QCursor mCursor;
    MapCanvas *mCanvas = nullptr; // set between activate() and deactivate()
};

} // namespace tessera::ui

Q_DECLARE_OPERATORS_FOR_FLAGS(tessera::ui::AbstractTool::Flags)
