window.ccOrder = [];
